import AWSClient
import Foundation

/// ``JobQueue`` on Amazon SQS (or an SQS look-alike) through the JSON protocol of current SQS
/// (`X-Amz-Target: AmazonSQS.*`, `application/x-amz-json-1.0`). Leases are SQS visibility timeouts, heartbeats
/// `ChangeMessageVisibility`, and dead letters SQS's own redrive to the dead-letter queue after the queue's
/// `maxReceiveCount`; the dead-letter list and replay read and move messages of that queue.
public struct SQSJobQueue: JobQueue {
    /// The main queue's URL.
    public let queueURL: String
    /// The dead-letter queue's URL, when there is one.
    public let deadLetterQueueURL: String?
    /// Seconds a receive waits for a message (long polling, 0–20).
    public let waitSeconds: Int
    /// The signed-request client (service `sqs`).
    public let client: AWSServiceClient
    private let endpoint: String

    /// A queue at `queueURL`, reached through `endpoint` (by default the queue URL's scheme, host and port).
    public init(
        queueURL: String, deadLetterQueueURL: String?, endpoint: String? = nil, waitSeconds: Int = 10,
        client: AWSServiceClient
    ) throws(SQSQueueError) {
        guard let parsed = URLComponents(string: queueURL), let scheme = parsed.scheme, let host = parsed.host,
            parsed.path.split(separator: "/").count == 2
        else { throw .invalidQueueURL(queueURL) }
        self.queueURL = queueURL
        self.deadLetterQueueURL = deadLetterQueueURL
        self.waitSeconds = min(20, max(0, waitSeconds))
        self.client = client
        self.endpoint = endpoint ?? "\(scheme)://\(host)\(parsed.port.map { ":\($0)" } ?? "")/"
    }

    /// The queue's name, the last segment of its URL.
    public var name: String { String(queueURL.split(separator: "/").last ?? "") }

    /// `SendMessage`.
    public func send(_ message: JobMessage) async throws {
        _ = try await call("SendMessage", ["QueueUrl": queueURL, "MessageBody": try Self.body(of: message)])
    }

    /// `SendMessageBatch` in groups of ten; entries SQS refuses are sent once more, and any refused again make the
    /// call throw naming them (the others were sent: a retry sweep may send them twice, which the worker's
    /// completed-job check makes harmless).
    public func send(_ messages: [JobMessage]) async throws {
        for start in stride(from: 0, to: messages.count, by: 10) {
            var pending = Dictionary(
                uniqueKeysWithValues: try messages[start..<min(start + 10, messages.count)].enumerated().map {
                    ("m\($0.offset)", try Self.body(of: $0.element))
                })
            var refusals: [String] = []
            for _ in 0..<2 where !pending.isEmpty {
                let entries = pending.map { ["Id": $0.key, "MessageBody": $0.value] }
                let answer = try await call("SendMessageBatch", ["QueueUrl": queueURL, "Entries": entries])
                for sent in answer["Successful"] as? [[String: Any]] ?? [] {
                    if let id = sent["Id"] as? String { pending[id] = nil }
                }
                refusals = (answer["Failed"] as? [[String: Any]] ?? []).map { "\($0["Code"] ?? ""): \($0["Message"] ?? "")" }
            }
            if !pending.isEmpty {
                throw SQSQueueError.batchPartlyRefused(sent: messages.count - pending.count, refusals: refusals)
            }
        }
    }

    /// `ReceiveMessage` of one message.
    public func receive(visibilityTimeout: Duration) async throws -> ReceivedMessage? {
        try await receive(maximum: 1, visibilityTimeout: visibilityTimeout).first
    }

    /// `ReceiveMessage` of up to ten at a time, long-polling the first call for ``waitSeconds``.
    public func receive(maximum: Int, visibilityTimeout: Duration) async throws -> [ReceivedMessage] {
        var received: [ReceivedMessage] = []
        while received.count < maximum {
            let batch = try await receive(
                from: queueURL, maximum: min(10, maximum - received.count), visibilitySeconds: Self.seconds(visibilityTimeout),
                waitSeconds: received.isEmpty ? waitSeconds : 0)
            if batch.isEmpty { break }
            received += batch.map(Self.received)
        }
        return received
    }

    /// `ChangeMessageVisibility`; false when the receipt handle no longer holds the message.
    public func extendLease(_ message: ReceivedMessage, by duration: Duration) async throws -> Bool {
        try await changeVisibility(of: message.leaseToken, in: queueURL, to: Self.seconds(duration))
    }

    /// Deletes the message if this holder still has it: SQS deletes with a stale receipt handle too, so the lease
    /// is checked first with `ChangeMessageVisibility`.
    @discardableResult
    public func acknowledge(_ message: ReceivedMessage) async throws -> Bool {
        guard try await changeVisibility(of: message.leaseToken, in: queueURL, to: 30) else { return false }
        _ = try await call("DeleteMessage", ["QueueUrl": queueURL, "ReceiptHandle": message.leaseToken])
        return true
    }

    /// ``acknowledge(_:)`` for each, with `ChangeMessageVisibilityBatch` and `DeleteMessageBatch` in tens.
    public func acknowledge(_ messages: [ReceivedMessage]) async throws -> Int {
        var deleted = 0
        for start in stride(from: 0, to: messages.count, by: 10) {
            let group = messages[start..<min(start + 10, messages.count)].enumerated().map { ("m\($0.offset)", $0.element.leaseToken) }
            let checked = try await call(
                "ChangeMessageVisibilityBatch",
                ["QueueUrl": queueURL, "Entries": group.map { ["Id": $0.0, "ReceiptHandle": $0.1, "VisibilityTimeout": 30] }])
            let held = Set((checked["Successful"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String })
            let entries = group.filter { held.contains($0.0) }.map { ["Id": $0.0, "ReceiptHandle": $0.1] }
            guard !entries.isEmpty else { continue }
            let answer = try await call("DeleteMessageBatch", ["QueueUrl": queueURL, "Entries": entries])
            deleted += (answer["Successful"] as? [[String: Any]] ?? []).count
        }
        return deleted
    }

    /// Makes the message visible again after `delay` (SQS keeps no reason; the worker logs it).
    public func release(_ message: ReceivedMessage, after delay: Duration, reason: String) async throws {
        _ = try await changeVisibility(of: message.leaseToken, in: queueURL, to: Self.seconds(delay))
    }

    /// Sends the body to the dead-letter queue, then deletes the message from the main queue, so that it is in one
    /// of them whatever happens in between; without a dead-letter queue the message is released for SQS's redrive.
    @discardableResult
    public func deadLetter(_ message: ReceivedMessage, reason: String) async throws -> Bool {
        guard let deadLetterQueueURL else {
            try await release(message, after: .zero, reason: reason)
            return true
        }
        guard try await changeVisibility(of: message.leaseToken, in: queueURL, to: 30) else { return false }
        _ = try await call("SendMessage", ["QueueUrl": deadLetterQueueURL, "MessageBody": message.rawBody])
        _ = try await call("DeleteMessage", ["QueueUrl": queueURL, "ReceiptHandle": message.leaseToken])
        return true
    }

    /// Up to `limit` messages of the dead-letter queue, looked at without taking them (received with a
    /// visibility timeout of zero, which SQS counts as a receive of the dead letter), oldest sent first.
    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        guard let deadLetterQueueURL else { return [] }
        var seen: [String: DeadLetter] = [:]
        for _ in 0..<(limit / 10 + 3) where seen.count < limit {
            let batch = try await receive(from: deadLetterQueueURL, maximum: 10, visibilitySeconds: 0, waitSeconds: 0)
            let fresh = batch.filter { seen[$0.id] == nil }
            if fresh.isEmpty { break }
            for message in fresh { seen[message.id] = Self.deadLetter(message) }
        }
        return seen.values.sorted { ($0.deadLetteredAt, $0.id) < ($1.deadLetteredAt, $1.id) }.prefix(limit).map { $0 }
    }

    /// Finds the dead letter `id`, sends its body to the main queue and only then deletes it from the
    /// dead-letter queue; messages taken on the way are given back at once. Nil when there is no such message.
    public func replay(deadLetter id: String) async throws -> DeadLetter? {
        guard let deadLetterQueueURL else { return nil }
        var taken: Set<String> = []
        var found: SQSMessage?
        for _ in 0..<10 where found == nil {
            let batch = try await receive(from: deadLetterQueueURL, maximum: 10, visibilitySeconds: 30, waitSeconds: 0)
            if batch.isEmpty || batch.allSatisfy({ taken.contains($0.id) }) { break }
            for message in batch {
                taken.insert(message.id)
                if message.id == id, found == nil {
                    found = message
                } else {
                    _ = try await changeVisibility(of: message.receiptHandle, in: deadLetterQueueURL, to: 0)
                }
            }
        }
        guard let found else { return nil }
        _ = try await call("SendMessage", ["QueueUrl": queueURL, "MessageBody": found.body])
        _ = try await call("DeleteMessage", ["QueueUrl": deadLetterQueueURL, "ReceiptHandle": found.receiptHandle])
        return Self.deadLetter(found)
    }

    /// `GetQueueAttributes` of both queues: visible and delayed messages, those in flight, and dead letters.
    public func statistics() async throws -> QueueStatistics {
        let main = try await attributes(of: queueURL)
        var dead: [String: String] = [:]
        if let deadLetterQueueURL { dead = try await attributes(of: deadLetterQueueURL) }
        return QueueStatistics(
            depth: main.count("ApproximateNumberOfMessages") + main.count("ApproximateNumberOfMessagesDelayed"),
            inFlight: main.count("ApproximateNumberOfMessagesNotVisible"),
            deadLettered: dead.count("ApproximateNumberOfMessages") + dead.count("ApproximateNumberOfMessagesNotVisible"))
    }

    // MARK: - SQS calls

    private func call(_ action: String, _ body: [String: Any], serverWait: Duration = .zero) async throws -> [String: Any] {
        let response = try await client.send(
            "POST", endpoint,
            headers: [
                SigV4Request.Header("X-Amz-Target", "AmazonSQS.\(action)"),
                SigV4Request.Header("Content-Type", "application/x-amz-json-1.0"),
            ],
            body: Array(try JSONSerialization.data(withJSONObject: body)), serverWait: serverWait)
        guard !response.body.isEmpty else { return [:] }
        guard let answer = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw SQSQueueError.unexpectedAnswer(action, response.text)
        }
        return answer
    }

    private func receive(from url: String, maximum: Int, visibilitySeconds: Int, waitSeconds: Int) async throws -> [SQSMessage] {
        let answer = try await call(
            "ReceiveMessage",
            [
                "QueueUrl": url, "MaxNumberOfMessages": maximum, "VisibilityTimeout": visibilitySeconds,
                "WaitTimeSeconds": waitSeconds,
                "MessageSystemAttributeNames": ["ApproximateReceiveCount", "SentTimestamp"],
                "AttributeNames": ["ApproximateReceiveCount", "SentTimestamp"],
            ], serverWait: .seconds(waitSeconds))
        return (answer["Messages"] as? [[String: Any]] ?? []).compactMap(SQSMessage.init)
    }

    private func changeVisibility(of receiptHandle: String, in url: String, to seconds: Int) async throws -> Bool {
        do {
            _ = try await call(
                "ChangeMessageVisibility", ["QueueUrl": url, "ReceiptHandle": receiptHandle, "VisibilityTimeout": seconds])
            return true
        } catch let error as AWSServiceError {
            if let code = error.code, ["ReceiptHandleIsInvalid", "MessageNotInflight", "InvalidParameterValue"].contains(code) {
                return false
            }
            throw error
        }
    }

    private func attributes(of url: String) async throws -> [String: String] {
        let answer = try await call("GetQueueAttributes", ["QueueUrl": url, "AttributeNames": ["All"]])
        return answer["Attributes"] as? [String: String] ?? [:]
    }

    private static func body(of message: JobMessage) throws -> String {
        String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
    }

    /// Whole seconds for SQS, rounded up, within SQS's 0…43,200.
    static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(min(43_200, max(0, seconds + (attoseconds > 0 ? 1 : 0))))
    }

    private static func received(_ message: SQSMessage) -> ReceivedMessage {
        ReceivedMessage(
            id: message.id, body: JobMessage(decoding: message.body), rawBody: message.body,
            receiveCount: message.receiveCount, leaseToken: message.receiptHandle)
    }

    private static func deadLetter(_ message: SQSMessage) -> DeadLetter {
        DeadLetter(
            id: message.id, message: JobMessage(decoding: message.body), rawBody: message.body,
            receiveCount: message.receiveCount, lastError: nil, deadLetteredAt: message.sentAt)
    }
}

extension [String: String] {
    /// The attribute `name` as a number, 0 when missing.
    fileprivate func count(_ name: String) -> Int { Int(self[name] ?? "") ?? 0 }
}

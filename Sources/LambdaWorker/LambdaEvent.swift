import Foundation

/// What an invocation asks for: the old service's smoke test, the scheduled retry sweep, or a batch of SQS records.
public enum LambdaEvent: Sendable, Equatable {
    /// `{"smoke_test": true}`.
    case smokeTest
    /// `{"retry_queue_failed": true}`, sent by the 5-minute schedule.
    case retryQueueFailed
    /// An SQS event source mapping's batch.
    case sqs([SQSEventRecord])

    /// Reads the event; throws ``LambdaEventError`` for anything else.
    public init(json: [UInt8]) throws(LambdaEventError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] else {
            throw .notAnEvent(String(decoding: json.prefix(200), as: UTF8.self))
        }
        if object["smoke_test"] as? Bool == true {
            self = .smokeTest
        } else if object["retry_queue_failed"] as? Bool == true {
            self = .retryQueueFailed
        } else if let records = object["Records"] as? [[String: Any]] {
            self = .sqs(try records.map { record throws(LambdaEventError) in
                guard let record = SQSEventRecord(record) else { throw .notAnEvent("an SQS record without messageId, receiptHandle and body") }
                return record
            })
        } else {
            throw .notAnEvent("neither smoke_test, retry_queue_failed nor SQS Records: \(String(decoding: json.prefix(200), as: UTF8.self))")
        }
    }
}

/// One record of an SQS event.
public struct SQSEventRecord: Sendable, Equatable {
    /// The message's id, named in `batchItemFailures`.
    public let messageID: String
    /// The receipt handle of this delivery.
    public let receiptHandle: String
    /// The message body.
    public let body: String
    /// `attributes.ApproximateReceiveCount`.
    public let receiveCount: Int

    /// A record from its parts.
    public init(messageID: String, receiptHandle: String, body: String, receiveCount: Int) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.receiveCount = receiveCount
    }

    init?(_ record: [String: Any]) {
        guard let id = record["messageId"] as? String, let handle = record["receiptHandle"] as? String,
            let body = record["body"] as? String
        else { return nil }
        let attributes = record["attributes"] as? [String: Any] ?? [:]
        self.init(
            messageID: id, receiptHandle: handle, body: body,
            receiveCount: Int(attributes["ApproximateReceiveCount"] as? String ?? "") ?? 1)
    }
}

/// An invocation whose event Bookplate does not handle.
public enum LambdaEventError: Error, Sendable, CustomStringConvertible {
    /// Not an event of the three kinds.
    case notAnEvent(String)

    /// A sentence for the error report.
    public var description: String {
        switch self {
        case .notAnEvent(let detail): "not a Bookplate event: \(detail)"
        }
    }
}

import JobQueue
import Synchronization

/// A real queue seen through a window: every call goes to `queue`; each receive's `maximum` is written down, and
/// the largest number of messages held at once (received, not yet acknowledged, released or dead-lettered).
final class ReceiveRecordingQueue: JobQueue {
    private let queue: any JobQueue
    private let state = Mutex((maximums: [Int](), held: 0, mostHeld: 0))

    init(_ queue: any JobQueue) { self.queue = queue }

    /// The `maximum` of every receive so far, in order.
    var receiveMaximums: [Int] { state.withLock { $0.maximums } }
    /// The most messages held at once so far.
    var mostHeld: Int { state.withLock { $0.mostHeld } }

    var name: String { queue.name }

    func send(_ message: JobMessage) async throws { try await queue.send(message) }

    func send(_ messages: [JobMessage]) async throws { try await queue.send(messages) }

    func receive(visibilityTimeout: Duration) async throws -> ReceivedMessage? {
        try await receive(maximum: 1, visibilityTimeout: visibilityTimeout).first
    }

    func receive(maximum: Int, visibilityTimeout: Duration) async throws -> [ReceivedMessage] {
        state.withLock { $0.maximums.append(maximum) }
        let received = try await queue.receive(maximum: maximum, visibilityTimeout: visibilityTimeout)
        state.withLock { state in
            state.held += received.count
            state.mostHeld = max(state.mostHeld, state.held)
        }
        return received
    }

    func extendLease(_ message: ReceivedMessage, by duration: Duration) async throws -> Bool {
        try await queue.extendLease(message, by: duration)
    }

    func acknowledge(_ message: ReceivedMessage) async throws -> Bool {
        defer { letGo(1) }
        return try await queue.acknowledge(message)
    }

    func acknowledge(_ messages: [ReceivedMessage]) async throws -> Int {
        defer { letGo(messages.count) }
        return try await queue.acknowledge(messages)
    }

    func release(_ message: ReceivedMessage, after delay: Duration, reason: String) async throws {
        defer { letGo(1) }
        try await queue.release(message, after: delay, reason: reason)
    }

    func deadLetter(_ message: ReceivedMessage, reason: String) async throws -> Bool {
        defer { letGo(1) }
        return try await queue.deadLetter(message, reason: reason)
    }

    func deadLetters(limit: Int) async throws -> [DeadLetter] { try await queue.deadLetters(limit: limit) }

    func replay(deadLetter id: String) async throws -> DeadLetter? { try await queue.replay(deadLetter: id) }

    func statistics() async throws -> QueueStatistics { try await queue.statistics() }

    private func letGo(_ count: Int) { state.withLock { $0.held -= count } }
}

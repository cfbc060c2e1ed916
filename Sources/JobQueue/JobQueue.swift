/// A queue of photo jobs with at-least-once delivery: leases (visibility timeouts), heartbeats, redelivery after a
/// lost lease, and a dead-letter queue after a maximum receive count. The database queue implements it; SQS can.
public protocol JobQueue: Sendable {
    /// The queue's name, for health reports and system info.
    var name: String { get }
    /// Sends a message.
    func send(_ message: JobMessage) async throws
    /// Sends messages in one operation (SQS's `SendMessageBatch`): all are sent or none.
    func send(_ messages: [JobMessage]) async throws
    /// Takes the next visible message under a lease of `visibilityTimeout`; nil when none is waiting.
    func receive(visibilityTimeout: Duration) async throws -> ReceivedMessage?
    /// Takes up to `maximum` visible messages, oldest first, each under a lease of `visibilityTimeout` (SQS's
    /// `MaxNumberOfMessages`); empty when none is waiting.
    func receive(maximum: Int, visibilityTimeout: Duration) async throws -> [ReceivedMessage]
    /// Extends a held lease; false when the lease was lost.
    func extendLease(_ message: ReceivedMessage, by duration: Duration) async throws -> Bool
    /// Deletes a message whose work is done; false when the lease was lost.
    @discardableResult
    func acknowledge(_ message: ReceivedMessage) async throws -> Bool
    /// Deletes messages whose work is done (SQS's `DeleteMessageBatch`); how many were still leased to the caller.
    @discardableResult
    func acknowledge(_ messages: [ReceivedMessage]) async throws -> Int
    /// Gives a message back to be delivered again after `delay`, with the reason it failed.
    func release(_ message: ReceivedMessage, after delay: Duration, reason: String) async throws
    /// Dead-letters a held message at once, for a failure no redelivery can cure; false when the lease was lost.
    @discardableResult
    func deadLetter(_ message: ReceivedMessage, reason: String) async throws -> Bool
    /// The dead-lettered messages, oldest first.
    func deadLetters(limit: Int) async throws -> [DeadLetter]
    /// Moves a dead-lettered message back into the queue with its receive count reset; nil when there is none.
    func replay(deadLetter id: String) async throws -> DeadLetter?
    /// Counts by state.
    func statistics() async throws -> QueueStatistics
}

import AWSClient
import Foundation
import JobQueue
import Persistence
import TestSupport

/// The queues every contract test runs against: the database queue on a SQLite file and on the test PostgreSQL
/// server, and an SQS queue with its dead-letter queue on moto (signature checks on).
enum QueueBackend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres
    case sqs

    var description: String { rawValue }

    /// A new, empty queue that dead-letters after `maximumReceiveCount` receives; `sendRaw` sends a body as is.
    struct Made: Sendable {
        let queue: any JobQueue
        let sendRaw: @Sendable (String) async throws -> Void
        let close: @Sendable () async -> Void
    }

    func makeQueue(maximumReceiveCount: Int = 5) async throws -> Made {
        switch self {
        case .sqlite, .postgres:
            let engine: DatabaseEngine = self == .sqlite ? .sqlite : .postgres
            let test = try await engine.makeDatabase()
            let queue = DatabaseJobQueue(database: test.database, maximumReceiveCount: maximumReceiveCount)
            return Made(
                queue: queue,
                sendRaw: { body in
                    try await test.database.query(
                        """
                        INSERT INTO queue_messages (id, queue, body, receive_count, visible_at, sent_at)
                        VALUES (\(bind: UUID().uuidString), \(bind: queue.name), \(bind: body), 0, \(bind: Date.now), \(bind: Date.now))
                        """)
                },
                close: { await test.shutdown() })
        case .sqs:
            let urls = try await MotoPeer.createQueues(maximumReceiveCount: maximumReceiveCount)
            let queue = try SQSJobQueue(
                queueURL: urls.queue, deadLetterQueueURL: urls.deadLetterQueue, waitSeconds: 0, client: try MotoPeer.client("sqs"))
            return Made(
                queue: queue,
                sendRaw: { body in _ = try await MotoPeer.sqs("SendMessage", ["QueueUrl": urls.queue, "MessageBody": body]) },
                close: {})
        }
    }
}

/// Runs `body` with a fresh queue of `backend`, closing it afterwards.
func withQueue(
    _ backend: QueueBackend, maximumReceiveCount: Int = 5, _ body: (QueueBackend.Made) async throws -> Void
) async throws {
    let made = try await backend.makeQueue(maximumReceiveCount: maximumReceiveCount)
    do {
        try await body(made)
        await made.close()
    } catch {
        await made.close()
        throw error
    }
}

/// A job message with fresh identifiers.
func makeMessage() -> JobMessage { JobMessage(jobID: UUID(), bookID: UUID(), imageID: UUID()) }

import Domain
import Foundation
import JobQueue
import Persistence
import TestSupport
import Testing

@Suite("Database queue: what only the database does")
struct DatabaseJobQueueTests {
    private func message() -> JobMessage { JobMessage(jobID: UUID(), bookID: UUID(), imageID: UUID()) }

    @Test("a batch is sent in one statement: a refused message refuses the whole batch", arguments: DatabaseEngine.allCases)
    func batchAllOrNothing(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            let sent = (0..<25).map { _ in message() }
            let poison = message()
            let refused = "NEW.body LIKE '%\(poison.jobID.lowercased)%'"
            switch engine {
            case .sqlite:
                try await test.database.query(
                    "CREATE TRIGGER refuse BEFORE INSERT ON queue_messages WHEN \(sql: SQLFragment(trusted: refused)) BEGIN SELECT RAISE(ABORT, 'refused'); END")
            case .postgres:
                try await test.database.query(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $body$ BEGIN IF \(sql: SQLFragment(trusted: refused)) THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $body$ LANGUAGE plpgsql")
                try await test.database.query(
                    "CREATE TRIGGER refuse BEFORE INSERT ON queue_messages FOR EACH ROW EXECUTE FUNCTION refuse()")
            }
            await #expect(throws: (any Error).self) { try await queue.send(sent + [poison]) }
            #expect(try await queue.statistics().depth == 0)
        }
    }

    @Test("after redelivery the stale holder can neither extend nor acknowledge", arguments: DatabaseEngine.allCases)
    func staleHolder(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            try await queue.send(message())
            let first = try #require(try await queue.receive(visibilityTimeout: .milliseconds(200)))
            try await Task.sleep(for: .milliseconds(300))
            let second = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(second.id == first.id)
            #expect(!(try await queue.extendLease(first, by: .seconds(30))))
            #expect(!(try await queue.acknowledge(first)))
            #expect(try await queue.acknowledge(second))
        }
    }

    @Test("a dead letter keeps the last reason a consumer gave", arguments: DatabaseEngine.allCases)
    func lastError(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database, maximumReceiveCount: 2)
            try await queue.send(message())
            for attempt in 1...2 {
                let received = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
                try await queue.release(received, after: .zero, reason: "poison \(attempt)")
            }
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil)
            #expect(try await queue.deadLetters(limit: 10).first?.lastError == "poison 2")
        }
    }
}

import Domain
import Foundation
import JobQueue
import Persistence
import TestSupport
import Testing

@Suite("Database queue")
struct DatabaseJobQueueTests {
    private func message() -> JobMessage { JobMessage(jobID: UUID(), bookID: UUID(), imageID: UUID()) }

    @Test("send, receive under a lease, acknowledge", arguments: DatabaseEngine.allCases)
    func roundTrip(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            let sent = message()
            try await queue.send(sent)
            #expect(try await queue.statistics() == QueueStatistics(depth: 1, inFlight: 0, deadLettered: 0))
            let received = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(received.body == sent && received.receiveCount == 1)
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 1, deadLettered: 0))
            #expect(try await queue.acknowledge(received))
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 0))
        }
    }

    @Test("batches: up to the maximum, oldest first, skipping leased and dead-lettering over-received messages",
          arguments: DatabaseEngine.allCases)
    func batches(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database, maximumReceiveCount: 1)
            var sent: [JobMessage] = []
            for _ in 0..<5 {
                sent.append(message())
                try await queue.send(sent.last!)
                try await Task.sleep(for: .milliseconds(2))
            }
            let first = try await queue.receive(maximum: 3, visibilityTimeout: .seconds(2))
            #expect(first.map(\.body) == Array(sent.prefix(3)))
            let rest = try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30))
            #expect(rest.map(\.body) == Array(sent.suffix(2)))
            #expect(try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30)).isEmpty)
            #expect(try await queue.acknowledge(rest + [first[0]]) == 3)
            try await Task.sleep(for: .milliseconds(2100))
            #expect(try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30)).isEmpty)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 2))
            #expect(try await queue.acknowledge(Array(first.suffix(2))) == 0)
        }
    }

    @Test("a batch is sent in one operation, all or nothing", arguments: DatabaseEngine.allCases)
    func batchSend(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            let sent = (0..<25).map { _ in message() }
            try await queue.send(sent)
            try await queue.send([])
            #expect(try await queue.statistics().depth == 25)
            let received = try await queue.receive(maximum: 50, visibilityTimeout: .seconds(30))
            #expect(Set(received.compactMap(\.body?.jobID)) == Set(sent.map(\.jobID)))
            #expect(try await queue.acknowledge(received) == 25)
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

    @Test("a lost lease is redelivered; the stale holder can neither extend nor acknowledge", arguments: DatabaseEngine.allCases)
    func redelivery(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            try await queue.send(message())
            let first = try #require(try await queue.receive(visibilityTimeout: .milliseconds(200)))
            #expect(try await queue.extendLease(first, by: .milliseconds(200)))
            try await Task.sleep(for: .milliseconds(350))
            let second = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(second.id == first.id && second.receiveCount == 2)
            #expect(!(try await queue.extendLease(first, by: .seconds(30))))
            #expect(!(try await queue.acknowledge(first)))
            #expect(try await queue.acknowledge(second))
        }
    }

    @Test("after the maximum receive count a message is dead-lettered, listed and replayable", arguments: DatabaseEngine.allCases)
    func deadLetters(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database, maximumReceiveCount: 3)
            let sent = message()
            try await queue.send(sent)
            for attempt in 1...3 {
                let received = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
                #expect(received.receiveCount == attempt)
                try await queue.release(received, after: .zero, reason: "poison \(attempt)")
            }
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil)
            let letters = try await queue.deadLetters(limit: 10)
            #expect(letters.count == 1 && letters[0].message == sent && letters[0].lastError == "poison 3")
            #expect(letters[0].receiveCount == 3)
            #expect(try await queue.statistics().deadLettered == 1)
            #expect(try await queue.replay(deadLetter: letters[0].id)?.message == sent)
            let again = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(again.body == sent && again.receiveCount == 1)
            #expect(try await queue.replay(deadLetter: UUID().uuidString) == nil)
        }
    }

    @Test("a body that is not a job message is delivered undecoded, not lost", arguments: DatabaseEngine.allCases)
    func undecodableBody(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            try await test.database.query(
                """
                INSERT INTO queue_messages (id, queue, body, receive_count, visible_at, sent_at)
                VALUES ('m1', 'photo-jobs', '{"job_id": 12', 0, 0, 0)
                """)
            let received = try #require(try await DatabaseJobQueue(database: test.database).receive(visibilityTimeout: .seconds(5)))
            #expect(received.body == nil && received.rawBody == #"{"job_id": 12"#)
        }
    }

    @Test("concurrent consumers never receive the same message twice", arguments: DatabaseEngine.allCases)
    func concurrentConsumers(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let queue = DatabaseJobQueue(database: test.database)
            for _ in 0..<100 { try await queue.send(message()) }
            let received = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var ids: [String] = []
                        while let message = try await queue.receive(visibilityTimeout: .seconds(60)) {
                            ids.append(message.id)
                            try await queue.acknowledge(message)
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(received.count == 100 && Set(received).count == 100)
        }
    }
}

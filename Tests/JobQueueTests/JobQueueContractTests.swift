import Foundation
import JobQueue
import TestSupport
import Testing

/// What every ``JobQueue`` promises, run unchanged against the database queue (SQLite, PostgreSQL) and SQS.
@Suite("Job queue contract", .timeLimit(.minutes(3)))
struct JobQueueContractTests {
    @Test("send, receive under a lease, acknowledge", arguments: QueueBackend.allCases)
    func roundTrip(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            let queue = made.queue
            let sent = makeMessage()
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

    @Test("batches: up to the maximum, skipping leased messages and dead-lettering over-received ones",
          arguments: QueueBackend.allCases)
    func batches(backend: QueueBackend) async throws {
        try await withQueue(backend, maximumReceiveCount: 1) { made in
            let queue = made.queue
            var sent: [JobMessage] = []
            for _ in 0..<5 {
                sent.append(makeMessage())
                try await queue.send(sent.last!)
                try await Task.sleep(for: .milliseconds(2))
            }
            let first = try await queue.receive(maximum: 3, visibilityTimeout: .seconds(5))
            #expect(first.count == 3)
            let rest = try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30))
            #expect(Set((first + rest).compactMap(\.body?.jobID)) == Set(sent.map(\.jobID)))
            #expect(try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30)).isEmpty)
            #expect(try await queue.acknowledge(rest + [first[0]]) == 3)
            try await Task.sleep(for: .milliseconds(5500))
            #expect(try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30)).isEmpty)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 2))
            #expect(try await queue.acknowledge(Array(first.suffix(2))) == 0)
        }
    }

    @Test("a batch of 25 is sent and received whole", arguments: QueueBackend.allCases)
    func batchSend(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            let queue = made.queue
            let sent = (0..<25).map { _ in makeMessage() }
            try await queue.send(sent)
            try await queue.send([])
            #expect(try await queue.statistics().depth == 25)
            let received = try await queue.receive(maximum: 50, visibilityTimeout: .seconds(30))
            #expect(Set(received.compactMap(\.body?.jobID)) == Set(sent.map(\.jobID)))
            #expect(try await queue.acknowledge(received) == 25)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 0))
        }
    }

    /// That a stale holder can neither extend nor acknowledge is the database queue's alone
    /// (`DatabaseJobQueueTests`): SQS honours an older receipt handle after redelivery (its documentation says a
    /// delete with one may succeed), and moto does the same.
    @Test("a lost lease is redelivered to the next consumer; heartbeats keep it", arguments: QueueBackend.allCases)
    func redelivery(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            let queue = made.queue
            try await queue.send(makeMessage())
            // Seconds of slack on either side of each step, for moto and the database under a loaded machine: the
            // heartbeat comes 2 s before the first lease ends, the check 0.5 s after it ended and 7.5 s before the
            // extended one ends.
            let first = try #require(try await queue.receive(visibilityTimeout: .seconds(3)))
            try await Task.sleep(for: .seconds(1))
            #expect(try await queue.extendLease(first, by: .seconds(10)))
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil, "the heartbeat kept the lease")
            var redelivered: ReceivedMessage?
            _ = try await eventually(timeout: .seconds(30)) {
                redelivered = try await queue.receive(visibilityTimeout: .seconds(30))
                return redelivered != nil
            }
            let second = try #require(redelivered, "the lease never ran out")
            #expect(second.id == first.id && second.receiveCount == 2)
            #expect(try await queue.extendLease(second, by: .seconds(30)))
            #expect(try await queue.acknowledge(second))
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 0))
        }
    }

    @Test("after the maximum receive count a message is dead-lettered, listed and replayed once",
          arguments: QueueBackend.allCases)
    func deadLetters(backend: QueueBackend) async throws {
        try await withQueue(backend, maximumReceiveCount: 3) { made in
            let queue = made.queue
            let sent = makeMessage()
            try await queue.send(sent)
            for attempt in 1...3 {
                let received = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
                #expect(received.receiveCount == attempt)
                try await queue.release(received, after: .zero, reason: "poison \(attempt)")
            }
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil)
            let letters = try await queue.deadLetters(limit: 10)
            #expect(letters.count == 1 && letters.first?.message == sent)
            #expect((letters.first?.receiveCount ?? 0) >= 3)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 1))
            let replayed = try await queue.replay(deadLetter: try #require(letters.first).id)
            #expect(replayed?.message == sent)
            #expect(try await queue.statistics() == QueueStatistics(depth: 1, inFlight: 0, deadLettered: 0))
            let again = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(again.body == sent && again.receiveCount == 1)
            #expect(try await queue.replay(deadLetter: UUID().uuidString) == nil)
            #expect(try await queue.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test("a message dead-lettered at once leaves the queue with its body; a stale holder cannot", arguments: QueueBackend.allCases)
    func deadLetterAtOnce(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            let queue = made.queue
            let sent = makeMessage()
            try await queue.send(sent)
            let received = try #require(try await queue.receive(visibilityTimeout: .seconds(30)))
            #expect(try await queue.deadLetter(received, reason: "not an image"))
            #expect(try await queue.receive(visibilityTimeout: .seconds(30)) == nil)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 1))
            let letters = try await queue.deadLetters(limit: 10)
            #expect(letters.map(\.message) == [sent])
            #expect(!(try await queue.deadLetter(received, reason: "again")))
            #expect(try await queue.statistics().deadLettered == 1)
        }
    }

    @Test("a body that is not a job message is delivered undecoded, not lost", arguments: QueueBackend.allCases)
    func undecodableBody(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            try await made.sendRaw(#"{"job_id": 12"#)
            let received = try #require(try await made.queue.receive(visibilityTimeout: .seconds(5)))
            #expect(received.body == nil && received.rawBody == #"{"job_id": 12"#)
        }
    }

    /// A consumer stops once the queue is empty, not at its first empty receive: an SQS receive without waiting
    /// may come back empty while messages remain.
    /// Standard SQS queues deliver at least once, and moto under load sometimes hands one message to two receivers
    /// at once, so on SQS only loss is checked; the database queue must never deliver twice.
    @Test("concurrent consumers lose no message, and the database queue never delivers one twice",
          arguments: QueueBackend.allCases)
    func concurrentConsumers(backend: QueueBackend) async throws {
        try await withQueue(backend) { made in
            let queue = made.queue
            try await queue.send((0..<100).map { _ in makeMessage() })
            let received = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var ids: [String] = []
                        while true {
                            if let message = try await queue.receive(visibilityTimeout: .seconds(60)) {
                                ids.append(message.id)
                                try await queue.acknowledge(message)
                            } else if try await queue.statistics().depth == 0 {
                                return ids
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(Set(received).count == 100, "a message was lost")
            if backend != .sqs {
                #expect(received.count == 100, "a message was delivered twice")
            }
        }
    }
}

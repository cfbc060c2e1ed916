import ArgumentParser
import Foundation
import JobQueue
import Logging
import Persistence

/// Measures the database queue's throughput: messages sent, then received and acknowledged (a no-op job), then
/// both at once, on a SQLite file or a PostgreSQL database; prints one JSON line.
@main
struct QueueBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookplate-queue-benchmark",
        abstract: "Throughput of the database queue: enqueue → claim → complete with a no-op job.")

    @Option(name: .customLong("database-url"), help: "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.")
    var databaseURL: String

    @Option(help: "Messages per phase.") var jobs = 20_000

    @Option(help: "Concurrent producers.") var producers = 8

    @Option(help: "Concurrent consumers.") var consumers = 8

    @Option(help: "Messages a producer sends, and a consumer claims and acknowledges, at once (1: one by one).")
    var batch = 1

    mutating func run() async throws {
        var logger = Logger(label: "queue-benchmark")
        logger.logLevel = .error
        let database = try await DatabaseLocation(url: databaseURL).open(logger: logger)
        let runner = Task { try? await database.run() }
        defer { runner.cancel() }
        _ = try await Migrator(database: database).migrate()
        try await database.query("DELETE FROM queue_messages")
        let queue = DatabaseJobQueue(database: database, name: "benchmark", maximumReceiveCount: 5)
        let (jobs, producers, consumers, batch) = (self.jobs, self.producers, self.consumers, self.batch)

        let enqueue = try await Self.timed { try await Self.produce(jobs, producers: producers, batch: batch, into: queue) }
        let complete = try await Self.timed {
            _ = try await Self.consume(jobs, consumers: consumers, batch: batch, from: queue)
        }
        let pipelined = try await Self.timed {
            async let produced: Void = Self.produce(jobs, producers: producers, batch: batch, into: queue)
            async let consumed = Self.consume(jobs, consumers: consumers, batch: batch, from: queue)
            _ = try await (produced, consumed)
        }
        let engine = databaseURL.hasPrefix("sqlite:") ? "sqlite" : "postgresql"
        let result: [String: Any] = [
            "engine": engine, "jobs": jobs, "producers": producers, "consumers": consumers, "batch": batch,
            "enqueue_per_second": Self.rate(jobs, enqueue), "claim_complete_per_second": Self.rate(jobs, complete),
            "end_to_end_per_second": Self.rate(jobs, pipelined),
        ]
        let line = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: line, as: UTF8.self))
        runner.cancel()
        await runner.value
    }

    /// Sends `count` messages, `batch` at a time, from `producers` concurrent tasks.
    static func produce(_ count: Int, producers: Int, batch: Int, into queue: DatabaseJobQueue) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    let share = count / producers + (producer < count % producers ? 1 : 0)
                    for start in stride(from: 0, to: share, by: batch) {
                        let messages = (start..<min(share, start + batch)).map { _ in
                            JobMessage(jobID: UUID(), bookID: UUID(), imageID: UUID())
                        }
                        try await queue.send(messages)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Receives and acknowledges messages, `batch` at a time, from `consumers` concurrent tasks until `count` are
    /// done.
    static func consume(_ count: Int, consumers: Int, batch: Int, from queue: DatabaseJobQueue) async throws -> Int {
        let done = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<consumers {
                group.addTask {
                    while await done.value < count {
                        let messages = try await queue.receive(maximum: batch, visibilityTimeout: .seconds(60))
                        guard !messages.isEmpty else {
                            try await Task.sleep(for: .milliseconds(1))
                            continue
                        }
                        await done.add(try await queue.acknowledge(messages))
                    }
                }
            }
            try await group.waitForAll()
        }
        return await done.value
    }

    /// Runs `body` and returns its wall time in seconds.
    static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Messages per second, rounded.
    static func rate(_ count: Int, _ seconds: Double) -> Int { Int((Double(count) / seconds).rounded()) }
}

/// A count shared by the consumers.
actor Counter {
    private(set) var value = 0

    func add(_ count: Int) { value += count }
}

import AWSClient
import ArgumentParser
import Foundation
import JobQueue
import Logging
import Persistence

/// Measures a queue's throughput: messages sent, then received and acknowledged (a no-op job), then both at once,
/// on the database queue (a SQLite file or a PostgreSQL database) or an SQS queue; prints one JSON line.
@main
struct QueueBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookplate-queue-benchmark",
        abstract: "Throughput of a job queue: enqueue → claim → complete with a no-op job.")

    @Option(name: .customLong("database-url"), help: "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.")
    var databaseURL: String?

    @Option(name: .customLong("queue-url"), help: "An empty SQS queue to measure instead of the database queue.")
    var queueURL: String?

    @Option(help: "Messages per phase.") var jobs = 20_000

    @Option(help: "Concurrent producers.") var producers = 8

    @Option(help: "Concurrent consumers.") var consumers = 8

    @Option(help: "Messages a producer sends, and a consumer claims and acknowledges, at once (1: one by one).")
    var batch = 1

    mutating func run() async throws {
        var logger = Logger(label: "queue-benchmark")
        logger.logLevel = .error
        let queue: any JobQueue
        var runner: Task<Void, Never>?
        defer { runner?.cancel() }
        if let queueURL {
            guard let region = AWSRegionResolver.region(configured: nil) else {
                throw ValidationError("set AWS_REGION for the SQS queue")
            }
            let client = AWSServiceClient(service: "sqs", region: region, credentials: AWSCredentialsProviderChain.standard())
            queue = try SQSJobQueue(queueURL: queueURL, deadLetterQueueURL: nil, waitSeconds: 0, client: client)
        } else {
            guard let databaseURL else { throw ValidationError("give --database-url or --queue-url") }
            let database = try await DatabaseLocation(url: databaseURL).open(logger: logger)
            runner = Task { try? await database.run() }
            _ = try await Migrator(database: database).migrate()
            try await database.query("DELETE FROM queue_messages")
            queue = DatabaseJobQueue(database: database, name: "benchmark", maximumReceiveCount: 5)
        }
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
        let engine = queueURL != nil ? "sqs" : databaseURL?.hasPrefix("sqlite:") == true ? "sqlite" : "postgresql"
        let result: [String: Any] = [
            "engine": engine, "jobs": jobs, "producers": producers, "consumers": consumers, "batch": batch,
            "enqueue_per_second": Self.rate(jobs, enqueue), "claim_complete_per_second": Self.rate(jobs, complete),
            "end_to_end_per_second": Self.rate(jobs, pipelined),
        ]
        let line = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: line, as: UTF8.self))
        runner?.cancel()
        await runner?.value
    }

    /// Sends `count` messages, `batch` at a time, from `producers` concurrent tasks.
    static func produce(_ count: Int, producers: Int, batch: Int, into queue: any JobQueue) async throws {
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
    static func consume(_ count: Int, consumers: Int, batch: Int, from queue: any JobQueue) async throws -> Int {
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

import Foundation
import JobQueue
import Logging
import PhotoJobs

/// Handles the Bookplate worker function's invocations: SQS batches of job messages processed by DESIGN.md §4
/// and answered with the failed records only (`ReportBatchItemFailures`), the scheduled retry sweep, and the
/// smoke test.
public struct LambdaHandler: Sendable {
    /// Processes one job message.
    public let processor: PhotoJobProcessor
    /// The retry sweep.
    public let sweeper: RetrySweeper
    /// The release version, for the smoke test.
    public let version: String
    /// A record is only started when at least this much of the invocation is left; otherwise it is given back.
    public let jobBudget: Duration
    /// A running job is given back this long before the deadline.
    public let deadlineMargin: Duration
    private let logger: Logger

    /// A handler over the given services.
    public init(
        processor: PhotoJobProcessor, sweeper: RetrySweeper, version: String, jobBudget: Duration = .seconds(60),
        deadlineMargin: Duration = .seconds(5), logger: Logger
    ) {
        self.processor = processor
        self.sweeper = sweeper
        self.version = version
        self.jobBudget = jobBudget
        self.deadlineMargin = deadlineMargin
        self.logger = logger
    }

    /// The response to `invocation`; throws for an event it does not handle.
    public func handle(_ invocation: LambdaInvocation) async throws -> [UInt8] {
        var logger = logger
        logger[metadataKey: "request_id"] = "\(invocation.requestID)"
        switch try LambdaEvent(json: invocation.event) {
        case .smokeTest:
            logger.info("smoke test")
            return try Self.json(["status": "ok", "version": version, "entry_point": "lambda"])
        case .retryQueueFailed:
            let result = try await sweeper.sweep()
            logger.info("retry sweep", metadata: ["succeeded": "\(result.succeeded)", "retried": "\(result.retried)"])
            return Array(try JSONEncoder().encode(result))
        case .sqs(let records):
            let failed = await process(records, deadline: invocation.deadline, logger: logger)
            return try Self.json(["batchItemFailures": failed.map { ["itemIdentifier": $0] }])
        }
    }

    /// Processes the records one by one; the message ids of those that did not succeed.
    func process(_ records: [SQSEventRecord], deadline: Date, logger: Logger) async -> [String] {
        let clock = ContinuousClock()
        let giveBackAt = clock.now.advanced(by: .milliseconds(Int64(deadline.timeIntervalSinceNow * 1000))) - deadlineMargin
        var failed: [String] = []
        for record in records {
            var logger = logger
            logger[metadataKey: "message_id"] = "\(record.messageID)"
            let message = ReceivedMessage(
                id: record.messageID, body: JobMessage(decoding: record.body), rawBody: record.body,
                receiveCount: record.receiveCount, leaseToken: record.receiptHandle)
            if let job = message.body?.jobID { logger[metadataKey: "job_id"] = "\(job)" }
            guard giveBackAt - clock.now >= jobBudget else {
                logger.warning("not enough of the invocation left for a job; given back")
                try? await processor.queue.release(message, after: .zero, reason: "not enough time left in the invocation")
                failed.append(record.messageID)
                continue
            }
            let outcome = await processor.handle(message, before: giveBackAt)
            switch outcome {
            case .completed, .skipped:
                logger.info("record done", metadata: ["outcome": "\(outcome)"])
            case .failed(let reason), .abandoned(let reason), .deferred(let reason):
                logger.warning("record not done; its message comes back", metadata: ["reason": "\(reason)"])
                failed.append(record.messageID)
            }
        }
        return failed
    }

    private static func json(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

import Domain
import Foundation
import JobQueue
import Logging
import Persistence

/// Re-sends jobs whose enqueue failed (DESIGN.md §3): up to 50, oldest first, each claimed so that concurrent
/// sweepers never send one twice, sent and committed one by one; three failures make it `permanently_failed`.
public struct RetrySweeper: Sendable {
    /// Jobs tried per sweep.
    public var batchSize = 50
    /// Failed sends after which a job is given up.
    public var maximumRetries = 3
    private let jobs: any JobRepository
    private let queue: any JobQueue
    private let logger: Logger

    /// A sweeper over `jobs`, sending to `queue`.
    public init(jobs: any JobRepository, queue: any JobQueue, logger: Logger) {
        self.jobs = jobs
        self.queue = queue
        self.logger = logger
    }

    /// Runs one sweep.
    public func sweep() async throws -> SweepResult {
        var result = SweepResult()
        var seen = Set<UUID>()
        while result.retried < batchSize {
            guard let job = try await jobs.claimQueueFailed(excluding: seen, claimFor: .seconds(60)) else { break }
            seen.insert(job.id)
            result.retried += 1
            do {
                try await queue.send(JobMessage(job: job))
                try await jobs.markSent(job.id)
                result.succeeded += 1
            } catch {
                let reason = "re-sending to queue \(queue.name) failed: \(error)"
                let updated = try await jobs.markResendFailed(job.id, error: reason, maximumRetries: maximumRetries)
                if updated?.status == .permanentlyFailed {
                    result.permanentlyFailed += 1
                } else {
                    result.stillFailing += 1
                }
            }
        }
        logger.info(
            "retry sweep done",
            metadata: [
                "retried": "\(result.retried)", "succeeded": "\(result.succeeded)",
                "still_failing": "\(result.stillFailing)", "permanently_failed": "\(result.permanentlyFailed)",
            ])
        return result
    }
}

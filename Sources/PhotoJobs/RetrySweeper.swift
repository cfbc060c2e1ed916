import Domain
import Foundation
import JobQueue
import Logging
import Persistence

/// Re-sends jobs whose enqueue failed (DESIGN.md §3): up to 50, oldest first, each claimed so that concurrent
/// sweepers never send one twice, sent and committed one by one; three failures make it `permanently_failed`.
/// Jobs still `pending` without the mark that their message reached the queue, `unsentAfter` after they were
/// written, are re-sent the same way: their process stopped between writing them and sending.
/// Then it ends jobs left `processing` (DESIGN.md §4: never forever): a worker that dies, or gives a job up at a
/// deadline, leaves it so, and once the queue has dead-lettered the message no one else will take it over.
public struct RetrySweeper: Sendable {
    /// Jobs tried per sweep.
    public var batchSize = 50
    /// Failed sends after which a job is given up.
    public var maximumRetries = 3
    /// How long a job may stay `processing` without an update before it counts as abandoned: far longer than a
    /// photo takes and than the queue's redeliveries last (visibility timeout × maximum receives).
    public var abandonedAfter: Duration
    /// How long after it was written a `pending` job without the enqueued mark counts as never sent: far longer
    /// than a send takes, timeouts and retries included.
    public var unsentAfter: Duration = .seconds(300)
    private let jobs: any JobRepository
    private let queue: any JobQueue
    private let logger: Logger

    /// A sweeper over `jobs`, sending to `queue`.
    public init(jobs: any JobRepository, queue: any JobQueue, abandonedAfter: Duration = .seconds(3600), logger: Logger) {
        self.abandonedAfter = abandonedAfter
        self.jobs = jobs
        self.queue = queue
        self.logger = logger
    }

    /// Runs one sweep.
    public func sweep() async throws -> SweepResult {
        var result = SweepResult()
        var seen = Set<UUID>()
        while result.retried < batchSize {
            let unsentBefore = Date.now.adding(.zero - unsentAfter)
            guard let job = try await jobs.claimForResend(excluding: seen, unsentBefore: unsentBefore, claimFor: .seconds(60))
            else { break }
            seen.insert(job.id)
            result.retried += 1
            do {
                try await queue.send(JobMessage(job: job))
            } catch {
                let reason = "re-sending to queue \(queue.name) failed: \(error)"
                let updated = try await jobs.markResendFailed(job.id, error: reason, maximumRetries: maximumRetries)
                if updated?.status == .permanentlyFailed {
                    result.permanentlyFailed += 1
                } else {
                    result.stillFailing += 1
                }
                continue
            }
            result.succeeded += 1
            do {
                try await jobs.markSent(job.id)
            } catch DatabaseError.uniqueViolation {
                let reason = "re-sent, but another job for the same book and photo was made while this one waited; that job stands"
                logger.warning("re-sent job superseded", metadata: ["job_id": "\(job.id)"])
                try await jobs.markFailed(job.id, error: reason)
            }
        }
        let cutoff = Date.now.adding(.zero - abandonedAfter)
        result.abandoned = try await jobs.failAbandoned(
            notUpdatedSince: cutoff,
            error: "abandoned: processing since before \(cutoff.formatted(.iso8601)) with no worker left to finish it "
                + "(its worker stopped or gave it up; see the dead letters)")
        logger.info(
            "retry sweep done",
            metadata: [
                "retried": "\(result.retried)", "succeeded": "\(result.succeeded)",
                "still_failing": "\(result.stillFailing)", "permanently_failed": "\(result.permanentlyFailed)",
                "abandoned": "\(result.abandoned)",
            ])
        return result
    }
}

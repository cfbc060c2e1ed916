import Domain
import Foundation
import JobQueue
import Logging
import Persistence

/// Creates jobs and sends them (DESIGN.md §1–2): the job row first, then the message, then the mark that it was
/// sent (an outbox: a job whose process stopped before the mark is sent again by the retry sweep); a failed send
/// leaves the job `queue_failed` with the reason, and never fails the caller.
public struct JobEnqueuer: Sendable {
    private let jobs: any JobRepository
    private let queue: any JobQueue
    private let logger: Logger

    /// An enqueuer writing to `jobs` and sending to `queue`.
    public init(jobs: any JobRepository, queue: any JobQueue, logger: Logger) {
        self.jobs = jobs
        self.queue = queue
        self.logger = logger
    }

    /// Creates and sends a job for (book, photo) unless an active one exists; returns the job as it now stands.
    public func trigger(bookID: UUID, photoID: UUID) async throws -> JobCreation {
        var creation = try await jobs.createPending(bookID: bookID, photoID: photoID)
        guard creation.created else { return creation }
        let job = creation.job
        do {
            try await queue.send(JobMessage(job: job))
            JobMetrics.enqueued(outcome: "sent")
        } catch {
            let reason = "sending to queue \(queue.name) failed: \(error)"
            logger.warning("job could not be queued", metadata: ["job_id": "\(job.id)", "error": "\(reason)"])
            try await jobs.markQueueFailed(job.id, error: reason)
            creation.job.status = .queueFailed
            creation.job.error = PhotoJob.truncatedError(reason)
            JobMetrics.enqueued(outcome: "queue_failed")
            return creation
        }
        do {
            try await jobs.markEnqueued(job.id)
        } catch {
            logger.warning(
                "job sent but not marked so; the retry sweep will send it again",
                metadata: ["job_id": "\(job.id)", "error": "\(error)"])
        }
        return creation
    }
}

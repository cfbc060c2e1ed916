import Domain
import Foundation

/// Stores photo-processing jobs and their status changes.
public protocol JobRepository: Sendable {
    /// Writes a `pending` job for (book, photo) unless an active one exists; the database's unique index decides.
    func createPending(bookID: UUID, photoID: UUID) async throws -> JobCreation
    /// The job `id`, if any.
    func find(_ id: UUID) async throws -> PhotoJob?
    /// A book's jobs, newest first.
    func list(bookID: UUID) async throws -> [PhotoJob]
    /// Jobs with `status`, oldest first.
    func list(status: JobStatus, limit: Int, offset: Int) async throws -> Page<PhotoJob>
    /// The newest `limit` jobs with `status`, newest first (by creation time, then id): the last page of
    /// ``list(status:limit:offset:)`` reversed, in one query.
    func newest(status: JobStatus, limit: Int) async throws -> [PhotoJob]
    /// Number of jobs per status.
    func countByStatus() async throws -> [JobStatus: Int]
    /// Jobs created since `start`, counted by their status now, per period of `period` (oldest first).
    func statusHistory(since start: Date, period: Duration) async throws -> [JobStatusCount]
    /// Records that the message of a job reached the queue. A `pending` job without that mark has lost its message
    /// (its process stopped between writing the job and sending), and the sweep sends it again.
    func markEnqueued(_ id: UUID) async throws
    /// Records a failed send: `queue_failed` with the reason, for a job still `pending` only.
    func markQueueFailed(_ id: UUID, error: String) async throws
    /// Records a successful re-send: `pending`, retry count reset, marked enqueued, for a job still waiting for one
    /// only (`queue_failed`, or `pending` without the mark).
    func markSent(_ id: UUID) async throws
    /// Marks `failed`, with `error`, every job still `processing` that nothing has updated since `cutoff` and no
    /// worker's claim holds: its worker died or gave it up and its message went to the dead letters, so no one will
    /// finish it. Returns how many.
    func failAbandoned(notUpdatedSince cutoff: Date, error: String) async throws -> Int
    /// Records a failed re-send: `queue_failed`, retry count + 1, and `permanently_failed` once it reaches
    /// `maximumRetries`; nil when the job no longer waits for a send.
    func markResendFailed(_ id: UUID, error: String, maximumRetries: Int) async throws -> PhotoJob?
    /// Claims the oldest job waiting for a send — `queue_failed`, or `pending` without the enqueued mark and created
    /// before `unsentBefore` — not claimed by another sweeper in the last `claimFor`, skipping rows another
    /// transaction holds, and excluding `excluded`.
    func claimForResend(excluding excluded: Set<UUID>, unsentBefore: Date, claimFor: Duration) async throws -> PhotoJob?
    /// Moves a job a worker received to `processing`, held by `claim` for `holdFor`, unless another claim holds it
    /// still. Throws ``JobSuperseded`` when another active job exists for the same (book, photo).
    func startProcessing(_ claim: JobClaim, holdFor: Duration) async throws -> ProcessingStart
    /// Extends the hold of `claim` to `holdFor` from now; false when the claim no longer holds the job.
    func renewClaim(_ claim: JobClaim, holdFor: Duration) async throws -> Bool
    /// Ends the hold of `claim` without changing the job's status, so that its message, given back, can start it
    /// again at once; a later renewal, failure or completion by the same claim is refused.
    func releaseClaim(_ claim: JobClaim) async throws
    /// Records a failed attempt of the claim's holder: `failed` with the reason, the hold ended; nothing when the
    /// claim no longer holds the job.
    func markFailed(_ claim: JobClaim, error: String) async throws
    /// Records a failed job no worker holds (a superseded re-send): `failed` with the reason.
    func markFailed(_ id: UUID, error: String) async throws
    /// Puts a failed or permanently failed job back to `pending`, without the enqueued mark, for an admin replay.
    func resetForReplay(_ id: UUID) async throws -> PhotoJob?
}

/// What ``JobRepository/createPending(bookID:photoID:)`` did.
public struct JobCreation: Sendable {
    /// The new job, or the active one that already existed.
    public var job: PhotoJob
    /// False when an active job already existed.
    public var created: Bool
}

/// A redelivered job cannot become active again because a newer job for the same photo is.
public struct JobSuperseded: Error, Sendable {
    /// The job that was redelivered.
    public var jobID: UUID
}

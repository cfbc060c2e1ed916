import Domain
import Foundation

/// ``JobRepository`` in SQL that runs on SQLite and PostgreSQL alike.
public struct SQLJobRepository: JobRepository {
    private let database: any Database

    /// A repository over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// A job whose message the queue is still to get: its send failed, or it never had the enqueued mark.
    private static let waitingForSend = SQLFragment(
        trusted: "(status = '\(JobStatus.queueFailed.rawValue)' OR (status = '\(JobStatus.pending.rawValue)' AND sent_at IS NULL))")

    /// Writes a pending job unless an active one exists for (book, photo).
    public func createPending(bookID: UUID, photoID: UUID) async throws -> JobCreation {
        let now = Date.now
        let job = PhotoJob(
            id: UUID(), bookID: bookID, requestedPhotoID: photoID, status: .pending, createdAt: now, updatedAt: now)
        do {
            try await database.query(
                """
                INSERT INTO photo_jobs (id, book_id, requested_photo_id, status, created_at, updated_at)
                VALUES (\(bind: job.id), \(bind: bookID), \(bind: photoID), \(bind: JobStatus.pending), \(bind: now),
                    \(bind: now))
                """)
            return JobCreation(job: job, created: true)
        } catch DatabaseError.uniqueViolation {
            let rows = try await database.query(
                """
                SELECT \(sql: PhotoJob.columns) FROM photo_jobs
                WHERE book_id = \(bind: bookID) AND requested_photo_id = \(bind: photoID)
                    AND status IN (\(bindList: JobStatus.active))
                """)
            guard let existing = try rows.first.map(PhotoJob.init) else {
                return try await createPending(bookID: bookID, photoID: photoID)
            }
            return JobCreation(job: existing, created: false)
        }
    }

    /// The job `id`.
    public func find(_ id: UUID) async throws -> PhotoJob? {
        try await database.query("SELECT \(sql: PhotoJob.columns) FROM photo_jobs WHERE id = \(bind: id)")
            .first.map(PhotoJob.init)
    }

    /// A book's jobs, newest first.
    public func list(bookID: UUID) async throws -> [PhotoJob] {
        try await database.query(
            "SELECT \(sql: PhotoJob.columns) FROM photo_jobs WHERE book_id = \(bind: bookID) ORDER BY created_at DESC, id"
        ).map(PhotoJob.init)
    }

    /// Jobs with `status`, oldest first.
    public func list(status: JobStatus, limit: Int, offset: Int) async throws -> Page<PhotoJob> {
        let rows = try await database.query(
            """
            SELECT \(sql: PhotoJob.columns) FROM photo_jobs WHERE status = \(bind: status)
            ORDER BY created_at, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """)
        let total = try await database.query(
            "SELECT COUNT(*) AS total FROM photo_jobs WHERE status = \(bind: status)"
        ).first?.int("total") ?? 0
        return Page(items: try rows.map(PhotoJob.init), limit: limit, offset: offset, total: total)
    }

    /// The newest `limit` jobs with `status`, newest first.
    public func newest(status: JobStatus, limit: Int) async throws -> [PhotoJob] {
        try await database.query(
            """
            SELECT \(sql: PhotoJob.columns) FROM photo_jobs WHERE status = \(bind: status)
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).map(PhotoJob.init)
    }

    /// Number of jobs per status.
    public func countByStatus() async throws -> [JobStatus: Int] {
        let rows = try await database.query("SELECT status, COUNT(*) AS total FROM photo_jobs GROUP BY status")
        var counts: [JobStatus: Int] = [:]
        for row in rows {
            counts[try row.enumeration("status", as: JobStatus.self)] = try row.int("total")
        }
        return counts
    }

    /// Counts per period of creation time and status; periods start at multiples of `period` since 1970.
    public func statusHistory(since start: Date, period: Duration) async throws -> [JobStatusCount] {
        let milliseconds = max(1, Int(period.components.seconds) * 1000)
        let rows = try await database.query(
            """
            SELECT (created_at / \(bind: milliseconds)) * \(bind: milliseconds) AS period_start, status,
                COUNT(*) AS total
            FROM photo_jobs WHERE created_at >= \(bind: start)
            GROUP BY period_start, status ORDER BY period_start, status
            """)
        return try rows.map { row in
            JobStatusCount(
                periodStart: try row.date("period_start"), status: try row.enumeration("status", as: JobStatus.self),
                count: try row.int("total"))
        }
    }

    /// Marks a job's message as having reached the queue.
    public func markEnqueued(_ id: UUID) async throws {
        try await database.query("UPDATE photo_jobs SET sent_at = \(bind: Date.now) WHERE id = \(bind: id) AND sent_at IS NULL")
    }

    /// Records a failed send of a job still `pending`: a send that timed out after the queue took the message may
    /// find the job processed already, which stays as it is.
    public func markQueueFailed(_ id: UUID, error: String) async throws {
        try await database.query(
            """
            UPDATE photo_jobs SET status = \(bind: JobStatus.queueFailed),
                error = \(bind: PhotoJob.truncatedError(error)), updated_at = \(bind: Date.now)
            WHERE id = \(bind: id) AND status = \(bind: JobStatus.pending)
            """)
    }

    /// Records a successful re-send of a job waiting for one; one a worker has taken since stays as it is.
    public func markSent(_ id: UUID) async throws {
        let now = Date.now
        try await database.query(
            """
            UPDATE photo_jobs SET status = \(bind: JobStatus.pending), queue_retry_count = 0, error = NULL,
                sweep_claimed_until = NULL, sent_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND \(sql: Self.waitingForSend)
            """)
    }

    /// Marks abandoned `processing` jobs `failed`.
    public func failAbandoned(notUpdatedSince cutoff: Date, error: String) async throws -> Int {
        try await database.query(
            """
            UPDATE photo_jobs SET status = \(bind: JobStatus.failed), error = \(bind: PhotoJob.truncatedError(error)),
                claim_token = NULL, claimed_until = NULL, updated_at = \(bind: Date.now)
            WHERE status = \(bind: JobStatus.processing) AND updated_at < \(bind: cutoff)
                AND (claimed_until IS NULL OR claimed_until < \(bind: Date.now))
            RETURNING id
            """
        ).count
    }

    /// Records a failed re-send of a job waiting for one; nil when it no longer waits (a worker took it, the send
    /// having reached the queue after all).
    public func markResendFailed(_ id: UUID, error: String, maximumRetries: Int) async throws -> PhotoJob? {
        try await database.query(
            """
            UPDATE photo_jobs SET sent_at = NULL, queue_retry_count = queue_retry_count + 1,
                status = CASE WHEN queue_retry_count + 1 >= \(bind: maximumRetries)
                    THEN \(bind: JobStatus.permanentlyFailed) ELSE \(bind: JobStatus.queueFailed) END,
                error = \(bind: PhotoJob.truncatedError(error)), sweep_claimed_until = NULL,
                updated_at = \(bind: Date.now)
            WHERE id = \(bind: id) AND \(sql: Self.waitingForSend) RETURNING \(sql: PhotoJob.columns)
            """
        ).first.map(PhotoJob.init)
    }

    /// Claims the oldest unclaimed job waiting for a send.
    public func claimForResend(excluding excluded: Set<UUID>, unsentBefore: Date, claimFor: Duration) async throws
        -> PhotoJob?
    {
        let now = Date.now
        let until = now.adding(claimFor)
        let exclusion: SQLStatement =
            excluded.isEmpty ? "" : "AND id NOT IN (\(bindList: Array(excluded)))"
        var statement: SQLStatement = """
            UPDATE photo_jobs SET sweep_claimed_until = \(bind: until)
            WHERE id = (SELECT id FROM photo_jobs
                WHERE \(sql: Self.waitingForSend)
                    AND (status = \(bind: JobStatus.queueFailed) OR created_at < \(bind: unsentBefore))
                AND (sweep_claimed_until IS NULL OR sweep_claimed_until < \(bind: now))
            """
        statement.append(exclusion)
        statement.append(
            " ORDER BY created_at, id LIMIT 1 \(sql: database.dialect.forUpdateSkipLocked)) RETURNING \(sql: PhotoJob.columns)"
        )
        return try await database.query(statement).first.map(PhotoJob.init)
    }

    /// Moves a received job to `processing` under `claim`, unless another claim holds it still.
    public func startProcessing(_ claim: JobClaim, holdFor: Duration) async throws -> ProcessingStart {
        let now = Date.now
        let started: PhotoJob?
        do {
            started = try await database.query(
                """
                UPDATE photo_jobs SET status = \(bind: JobStatus.processing),
                    processing_attempts = processing_attempts + 1, claim_token = \(bind: claim.token),
                    claimed_until = \(bind: now.adding(holdFor)), updated_at = \(bind: now)
                WHERE id = \(bind: claim.jobID) AND status <> \(bind: JobStatus.completed)
                    AND NOT (status = \(bind: JobStatus.processing) AND claimed_until IS NOT NULL
                        AND claimed_until >= \(bind: now))
                RETURNING \(sql: PhotoJob.columns)
                """
            ).first.map(PhotoJob.init)
        } catch DatabaseError.uniqueViolation {
            throw JobSuperseded(jobID: claim.jobID)
        }
        if let started { return .started(started) }
        let row = try await database.query(
            "SELECT status, claimed_until FROM photo_jobs WHERE id = \(bind: claim.jobID)"
        ).first
        guard let row, try row.string("status") != JobStatus.completed.rawValue else { return .finished }
        return .held(until: max(try row.optionalDate("claimed_until") ?? now, now))
    }

    /// Extends the claim's hold.
    public func renewClaim(_ claim: JobClaim, holdFor: Duration) async throws -> Bool {
        try await !database.query(
            """
            UPDATE photo_jobs SET claimed_until = \(bind: Date.now.adding(holdFor))
            WHERE id = \(bind: claim.jobID) AND claim_token = \(bind: claim.token) AND status = \(bind: JobStatus.processing)
            RETURNING id
            """
        ).isEmpty
    }

    /// Ends the claim's hold.
    public func releaseClaim(_ claim: JobClaim) async throws {
        try await database.query(
            """
            UPDATE photo_jobs SET claim_token = NULL, claimed_until = NULL
            WHERE id = \(bind: claim.jobID) AND claim_token = \(bind: claim.token)
            """)
    }

    /// Records a failed attempt of the claim's holder.
    public func markFailed(_ claim: JobClaim, error: String) async throws {
        try await database.query(
            """
            UPDATE photo_jobs SET status = \(bind: JobStatus.failed), error = \(bind: PhotoJob.truncatedError(error)),
                claim_token = NULL, claimed_until = NULL, updated_at = \(bind: Date.now)
            WHERE id = \(bind: claim.jobID) AND claim_token = \(bind: claim.token) AND status <> \(bind: JobStatus.completed)
            """)
    }

    /// Records a failed job no worker holds.
    public func markFailed(_ id: UUID, error: String) async throws {
        try await database.query(
            """
            UPDATE photo_jobs SET status = \(bind: JobStatus.failed), error = \(bind: PhotoJob.truncatedError(error)),
                updated_at = \(bind: Date.now)
            WHERE id = \(bind: id) AND status <> \(bind: JobStatus.completed)
            """)
    }

    /// Puts a failed job back to `pending`.
    public func resetForReplay(_ id: UUID) async throws -> PhotoJob? {
        do {
            return try await database.query(
                """
                UPDATE photo_jobs SET status = \(bind: JobStatus.pending), queue_retry_count = 0, sent_at = NULL,
                    updated_at = \(bind: Date.now)
                WHERE id = \(bind: id)
                    AND status IN (\(bind: JobStatus.failed), \(bind: JobStatus.permanentlyFailed), \(bind: JobStatus.queueFailed))
                RETURNING \(sql: PhotoJob.columns)
                """
            ).first.map(PhotoJob.init)
        } catch DatabaseError.uniqueViolation {
            throw JobSuperseded(jobID: id)
        }
    }
}

import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite("Jobs")
struct JobRepositoryTests {
    @Test("the database allows one active job per (book, photo), even under 20 concurrent inserts", arguments: DatabaseEngine.allCases)
    func oneActiveJob(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, database in
            let photoID = UUID()
            let results = try await withThrowingTaskGroup(of: JobCreation.self) { group in
                for _ in 0..<20 { group.addTask { try await jobs.createPending(bookID: book.id, photoID: photoID) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.created).count == 1)
            #expect(Set(results.map(\.job.id)).count == 1)
            #expect(try await jobs.list(bookID: book.id).count == 1)
            try await database.query(
                "UPDATE photo_jobs SET status = 'completed' WHERE book_id = \(bind: book.id)")
            #expect(try await jobs.createPending(bookID: book.id, photoID: photoID).created)
            await #expect(throws: DatabaseError.self) {
                try await database.query(
                    """
                    INSERT INTO photo_jobs (id, book_id, requested_photo_id, status, created_at, updated_at)
                    VALUES (\(bind: UUID()), \(bind: book.id), \(bind: photoID), 'processing', 0, 0)
                    """)
            }
        }
    }

    /// Runs `body` with the job repository of a fresh database of `engine` that holds one book.
    private func withJobs(
        _ engine: DatabaseEngine, _ body: @Sendable (SQLJobRepository, Book, any Database) async throws -> Void
    ) async throws {
        try await withDatabase(engine) { test in
            let database = test.database
            let book = try await SQLBookRepository(database: database).create(BookDetails(title: "B"))
            try await body(SQLJobRepository(database: database), book, database)
        }
    }

    @Test("failed sends count up to permanently_failed; a successful send resets the count", arguments: DatabaseEngine.allCases)
    func resendAccounting(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let job = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            try await jobs.markQueueFailed(job.id, error: String(repeating: "x", count: 5000))
            #expect(try await jobs.find(job.id)?.error?.count == 1000)
            #expect(try await jobs.markResendFailed(job.id, error: "e1", maximumRetries: 3)?.status == .queueFailed)
            try await jobs.markSent(job.id)
            #expect(try await jobs.find(job.id)?.queueRetryCount == 0)
            try await jobs.markQueueFailed(job.id, error: "again")
            _ = try await jobs.markResendFailed(job.id, error: "e1", maximumRetries: 3)
            _ = try await jobs.markResendFailed(job.id, error: "e2", maximumRetries: 3)
            let last = try await jobs.markResendFailed(job.id, error: "e3", maximumRetries: 3)
            #expect(last?.status == .permanentlyFailed && last?.queueRetryCount == 3)
            #expect(try await jobs.countByStatus()[.permanentlyFailed] == 1)
        }
    }

    /// A send that timed out after the queue took the message, or a re-send racing a worker, must not turn a job
    /// a worker has taken back into `queue_failed` or `pending`.
    @Test("send bookkeeping leaves a job a worker has taken as it is", arguments: DatabaseEngine.allCases)
    func sendBookkeepingAfterAWorker(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let job = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            _ = try await jobs.startProcessing(JobClaim(jobID: job.id), holdFor: .seconds(60))
            try await jobs.markQueueFailed(job.id, error: "timed out")
            try await jobs.markSent(job.id)
            #expect(try await jobs.markResendFailed(job.id, error: "timed out", maximumRetries: 3) == nil)
            let taken = try #require(try await jobs.find(job.id))
            #expect(taken.status == .processing && taken.error == nil && taken.queueRetryCount == 0)
            let queued = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            try await jobs.markQueueFailed(queued.id, error: "down")
            _ = try await jobs.startProcessing(JobClaim(jobID: queued.id), holdFor: .seconds(60))
            try await jobs.markSent(queued.id)
            #expect(try await jobs.find(queued.id)?.status == .processing)
        }
    }

    /// A second delivery of a job's message (an SQS duplicate, a re-send racing a slow send) must not process the
    /// job beside the worker that holds it, and a holder that lost its hold must not fail or complete it.
    @Test("a claim holds a processing job against other claims until it runs out or is released", arguments: DatabaseEngine.allCases)
    func claims(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let job = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            let first = JobClaim(jobID: job.id)
            let second = JobClaim(jobID: job.id)
            guard case .started(let started) = try await jobs.startProcessing(first, holdFor: .seconds(10)) else {
                Issue.record("the first claim did not start the job")
                return
            }
            #expect(started.status == .processing && started.processingAttempts == 1)
            guard case .held(let until) = try await jobs.startProcessing(second, holdFor: .seconds(60)) else {
                Issue.record("a second claim started a held job")
                return
            }
            #expect(until > Date.now && until < Date.now.addingTimeInterval(11), "the first claim's hold")
            #expect(try await jobs.renewClaim(first, holdFor: .milliseconds(300)))
            #expect(try await !jobs.renewClaim(second, holdFor: .seconds(60)), "only the holder renews")
            try await jobs.markFailed(second, error: "not the holder")
            #expect(try await jobs.find(job.id)?.status == .processing, "only the holder fails the job")
            try await Task.sleep(for: .milliseconds(600))
            guard case .started(let taken) = try await jobs.startProcessing(second, holdFor: .seconds(60)) else {
                Issue.record("a hold that ran out still held the job")
                return
            }
            #expect(taken.processingAttempts == 2)
            #expect(try await !jobs.renewClaim(first, holdFor: .seconds(60)), "the first hold is over")
            try await jobs.releaseClaim(second)
            #expect(try await !jobs.renewClaim(second, holdFor: .seconds(60)), "a released claim holds nothing")
            #expect(try await jobs.startProcessing(JobClaim(jobID: job.id), holdFor: .seconds(60)) != .finished)
            try await jobs.markFailed(second, error: "released")
            #expect(try await jobs.find(job.id)?.status == .processing)
            #expect(try await jobs.startProcessing(JobClaim(jobID: UUID()), holdFor: .seconds(60)) == .finished)
        }
    }

    @Test("a pending job without the enqueued mark is claimed for a re-send once old enough; a marked one never", arguments: DatabaseEngine.allCases)
    func unsentPending(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let lost = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            let sent = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            try await jobs.markEnqueued(sent.id)
            let later = Date.now.addingTimeInterval(1)
            #expect(try await jobs.claimForResend(excluding: [], unsentBefore: Date.now.addingTimeInterval(-60), claimFor: .seconds(60)) == nil)
            let claimed = try await jobs.claimForResend(excluding: [], unsentBefore: later, claimFor: .seconds(60))
            #expect(claimed?.id == lost.id && claimed?.status == .pending)
            #expect(try await jobs.claimForResend(excluding: [], unsentBefore: later, claimFor: .seconds(60)) == nil, "claimed once")
            try await jobs.markSent(lost.id)
            #expect(try await jobs.claimForResend(excluding: [], unsentBefore: later, claimFor: .zero) == nil, "both marked now")
            #expect(try await jobs.markResendFailed(sent.id, error: "x", maximumRetries: 3) == nil, "a marked job waits for no send")
        }
    }

    @Test("jobs left processing with no update since the cutoff and no live claim become failed; others stay", arguments: DatabaseEngine.allCases)
    func abandonedJobs(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let stuck = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            _ = try await jobs.startProcessing(JobClaim(jobID: stuck.id), holdFor: .zero)
            let held = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            let holder = JobClaim(jobID: held.id)
            _ = try await jobs.startProcessing(holder, holdFor: .seconds(60))
            let waiting = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            let cutoff = Date.now.addingTimeInterval(1)
            try await Task.sleep(for: .milliseconds(10))
            #expect(try await jobs.failAbandoned(notUpdatedSince: Date.now.addingTimeInterval(-60), error: "gone") == 0)
            #expect(try await jobs.failAbandoned(notUpdatedSince: cutoff, error: String(repeating: "gone ", count: 400)) == 1)
            let ended = try #require(try await jobs.find(stuck.id))
            #expect(ended.status == .failed && ended.error?.count == 1000)
            #expect(try await jobs.find(held.id)?.status == .processing, "a job whose worker still holds it is at work")
            #expect(try await jobs.renewClaim(holder, holdFor: .seconds(60)))
            #expect(try await jobs.find(waiting.id)?.status == .pending)
            #expect(try await jobs.failAbandoned(notUpdatedSince: cutoff, error: "gone") == 0)
            #expect(try await jobs.resetForReplay(stuck.id)?.status == .pending, "an abandoned job can be replayed")
        }
    }

    @Test("the newest jobs of a status, newest first: the last page of the oldest-first list reversed", arguments: DatabaseEngine.allCases)
    func newestOfStatus(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, database in
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for index in 0..<14 {
                let job = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
                let created = start.addingTimeInterval(Double(index / 2))
                try await database.query("UPDATE photo_jobs SET created_at = \(bind: created) WHERE id = \(bind: job.id)")
                if index < 11 {
                    try await jobs.markFailed(job.id, error: "failed \(index)")
                } else if index < 13 {
                    try await jobs.markQueueFailed(job.id, error: "down \(index)")
                }
            }
            for (status, limit) in [(JobStatus.failed, 4), (.failed, 11), (.failed, 50), (.queueFailed, 10), (.pending, 1)] {
                let newest = try await jobs.newest(status: status, limit: limit)
                let total = try await jobs.list(status: status, limit: 1, offset: 0).total
                let lastPage = try await jobs.list(status: status, limit: limit, offset: max(0, total - limit)).items
                #expect(newest.map(\.id) == lastPage.reversed().map(\.id), "\(status), limit \(limit)")
                #expect(newest.count == min(limit, total) && newest.allSatisfy { $0.status == status })
                #expect(zip(newest, newest.dropFirst()).allSatisfy { $0.createdAt >= $1.createdAt })
            }
            let newestFailed = try await jobs.newest(status: .failed, limit: 4).map { $0.error ?? "" }
            #expect(newestFailed.first == "failed 10" && Set(newestFailed.prefix(3)) == ["failed 10", "failed 9", "failed 8"])
            #expect(try await jobs.newest(status: .permanentlyFailed, limit: 10).isEmpty)
            #expect(try await jobs.newest(status: .failed, limit: 0).isEmpty)
        }
    }

    @Test("the status history counts jobs per creation period and current status", arguments: DatabaseEngine.allCases)
    func statusHistory(engine: DatabaseEngine) async throws {
        try await withJobs(engine) { jobs, book, _ in
            let start = Date.now.addingTimeInterval(-5)
            let first = try await jobs.createPending(bookID: book.id, photoID: UUID()).job
            _ = try await jobs.createPending(bookID: book.id, photoID: UUID())
            _ = try await jobs.createPending(bookID: book.id, photoID: UUID())
            try await jobs.markQueueFailed(first.id, error: "down")
            let history = try await jobs.statusHistory(since: start, period: .seconds(86_400 * 365 * 100))
            #expect(history.count == 2)
            #expect(Dictionary(uniqueKeysWithValues: history.map { ($0.status, $0.count) }) == [.pending: 2, .queueFailed: 1])
            #expect(history.allSatisfy { $0.periodStart <= start })
            #expect(try await jobs.statusHistory(since: .now.addingTimeInterval(60), period: .seconds(3600)).isEmpty)
        }
    }
}

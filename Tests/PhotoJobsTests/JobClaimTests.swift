import Domain
import Foundation
import ImagePipeline
import JobQueue
import Logging
import ObjectStorage
import Persistence
import TestSupport
import Testing

@testable import PhotoJobs

/// The processor claims a job before it works on it, on a real SQLite database, queue and photo store, with
/// u2netp: a second delivery of the job's message waits for the holder instead of processing the photo again, and
/// a job given back at a deadline can be started again at once while the run given up records nothing.
@Suite("A job is processed by the worker that holds it", .timeLimit(.minutes(3)))
struct JobClaimTests {
    @Test("two deliveries of one job at once: one processes it, the other is deferred and comes back later")
    func duplicateDelivery() async throws {
        try await withWorker { worker in
            try await worker.queue.send(JobMessage(job: worker.job))
            try await worker.queue.send(JobMessage(job: worker.job))
            let messages = try await worker.queue.receive(maximum: 2, visibilityTimeout: .seconds(60))
            #expect(messages.count == 2)
            let outcomes = await withTaskGroup(of: JobOutcome.self) { group in
                for message in messages { group.addTask { await worker.processor.handle(message) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .completed }.count == 1, "\(outcomes)")
            #expect(outcomes.contains { if case .deferred = $0 { true } else { false } }, "\(outcomes)")
            let job = try #require(try await worker.jobs.find(worker.job.id))
            #expect(job.status == .completed && job.processingAttempts == 1)
            #expect(try await worker.photos.list(bookID: job.bookID).filter(\.isBackgroundProcessed).count == 1)
            let statistics = try await worker.queue.statistics()
            #expect(statistics.depth + statistics.inFlight == 1, "the deferred message is kept: \(statistics)")
        }
    }

    /// Without the cancellation the interruption would sleep its ten minutes and the suite's time limit would end
    /// the test.
    @Test("a job that ends before its interruption completes, and the interruption's wait is cancelled at once")
    func interruptionCancelled() async throws {
        try await withWorker { worker in
            try await worker.queue.send(JobMessage(job: worker.job))
            let message = try #require(try await worker.queue.receive(visibilityTimeout: .seconds(60)))
            let (ended, ending) = AsyncStream<Bool>.makeStream()
            let outcome = await worker.processor.handle(message, reason: "not expected") {
                try? await Task.sleep(for: .seconds(600))
                ending.yield(Task.isCancelled)
                ending.finish()
            }
            #expect(outcome == .completed)
            var endings = ended.makeAsyncIterator()
            let cancelled = await endings.next()
            #expect(cancelled == true)
        }
    }

    /// The worker's shutdown warning goes out here: before a give-back that could hang on an unreachable queue.
    @Test("an interrupted job is announced while its message is still held, then given back")
    func announcedBeforeTheGiveBack() async throws {
        try await withWorker { worker in
            try await worker.queue.send(JobMessage(job: worker.job))
            let message = try #require(try await worker.queue.receive(visibilityTimeout: .seconds(60)))
            let (announced, announcing) = AsyncStream<QueueStatistics?>.makeStream()
            let outcome = await worker.processor.handle(
                message, reason: "interrupted at once", unless: {},
                whenInterrupted: {
                    announcing.yield(try? await worker.queue.statistics())
                    announcing.finish()
                })
            #expect(outcome == nil)
            var announcements = announced.makeAsyncIterator()
            let atAnnouncement = try #require(await announcements.next() ?? nil)
            #expect(atAnnouncement.inFlight == 1 && atAnnouncement.depth == 0, "\(atAnnouncement)")
            let afterwards = try await worker.queue.statistics()
            #expect(afterwards.inFlight == 0 && afterwards.depth == 1, "given back: \(afterwards)")
        }
    }

    @Test("a job given back at a deadline is free to start again at once, and the run given up records nothing")
    func givenBack() async throws {
        try await withWorker { worker in
            try await worker.queue.send(JobMessage(job: worker.job))
            let message = try #require(try await worker.queue.receive(visibilityTimeout: .seconds(60)))
            let outcome = await worker.processor.handle(message, before: ContinuousClock.now + .milliseconds(100))
            guard case .abandoned = outcome else {
                Issue.record("the job finished within 100 ms: \(outcome)")
                return
            }
            let next = JobClaim(jobID: worker.job.id)
            guard case .started = try await worker.jobs.startProcessing(next, holdFor: .seconds(60)) else {
                Issue.record("the job given back was still held")
                return
            }
            try await Task.sleep(for: .seconds(6))
            let job = try #require(try await worker.jobs.find(worker.job.id))
            #expect(job.status == .processing && job.processingAttempts == 2)
            #expect(try await worker.photos.list(bookID: job.bookID).filter(\.isBackgroundProcessed).isEmpty)
            #expect(try await worker.jobs.renewClaim(next, holdFor: .seconds(60)), "the new holder keeps the job")
        }
    }

    /// The give-back can come while the run is still on its way to the claim (a slow database): the run must not
    /// take the claim then and hold the job against the message just released.
    @Test("a run given back before it claims its job leaves the job free and does nothing")
    func givenBackBeforeTheClaim() async throws {
        try await withWorker { worker in
            try await worker.queue.send(JobMessage(job: worker.job))
            let message = try #require(try await worker.queue.receive(visibilityTimeout: .seconds(60)))
            let run = ProcessingRun()
            await worker.processor.giveBack(message, of: run, reason: "deadline")
            let outcome = await worker.processor.handle(message, as: run)
            #expect(outcome == .abandoned("given back before the job started"))
            guard case .started = try await worker.jobs.startProcessing(JobClaim(jobID: worker.job.id), holdFor: .seconds(60)) else {
                Issue.record("the run given back holds the job")
                return
            }
            #expect(try await worker.photos.list(bookID: worker.job.bookID).filter(\.isBackgroundProcessed).isEmpty)
        }
    }

    /// A processor over a fresh SQLite database with one book, its cover and a pending job for it.
    private struct Worker: Sendable {
        let processor: PhotoJobProcessor
        let queue: any JobQueue
        let jobs: SQLJobRepository
        let photos: SQLPhotoRepository
        let job: PhotoJob
    }

    private func withWorker(_ body: @Sendable (Worker) async throws -> Void) async throws {
        try await withDatabase(.sqlite) { test in
            let folder = try TemporaryFolder()
            let store = try LocalObjectStore(root: folder.url)
            let photos = SQLPhotoRepository(database: test.database)
            let jobs = SQLJobRepository(database: test.database)
            let queue = DatabaseJobQueue(database: test.database)
            var logger = Logger(label: "job-claim-test")
            logger.logLevel = .error
            let book = try await SQLBookRepository(database: test.database).create(BookDetails(title: "Claimed"))
            let photo = try await PhotoIntake(photos: photos, store: store, limits: ImageLimits()).store(
                try SharedFixtures.bytes("books/book1.jpg"), bookID: book.id,
                details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
            let job = try await jobs.createPending(bookID: book.id, photoID: photo.photo.id).job
            let pipeline = WorkerPipeline.u2netp()
            let settings = WorkerSettings(visibilityTimeout: .seconds(60), retryDelay: .zero)
            let processor = PhotoJobProcessor(
                jobs: jobs, photos: photos, store: store, queue: queue, pipeline: pipeline, settings: settings,
                logger: logger)
            try await body(Worker(processor: processor, queue: queue, jobs: jobs, photos: photos, job: job))
        }
    }
}

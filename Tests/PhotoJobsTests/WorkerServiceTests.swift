import Domain
import Foundation
import ImagePipeline
import JobQueue
import Logging
import ObjectStorage
import Persistence
import PhotoJobs
import TestSupport
import Testing

/// The worker's receiving loop on a real SQLite database, queue and photo store, with u2netp: each receive asks
/// for no more messages than there are free slots and at most the batch size, so no message waits for a slot
/// while its lease runs, and every job completes.
@Suite("Workers receive in batches that fill their free slots", .timeLimit(.minutes(5)))
struct WorkerServiceTests {
    @Test(
        "receives ask for min(batch size, free slots); no more jobs are held than slots; all complete",
        arguments: [(slots: 2, batchSize: 10), (slots: 3, batchSize: 1)])
    func batchesFillFreeSlots(slots: Int, batchSize: Int) async throws {
        try await withDatabase(.sqlite) { test in
            let folder = try TemporaryFolder()
            let store = try LocalObjectStore(root: folder.url)
            let books = SQLBookRepository(database: test.database)
            let photos = SQLPhotoRepository(database: test.database)
            let jobs = SQLJobRepository(database: test.database)
            let queue = ReceiveRecordingQueue(DatabaseJobQueue(database: test.database))
            var logger = Logger(label: "worker-service-test")
            logger.logLevel = .error
            let settings = WorkerSettings(
                concurrency: slots, batchSize: batchSize, visibilityTimeout: .seconds(60), pollInterval: .milliseconds(50),
                retryDelay: .zero)
            let intake = PhotoIntake(photos: photos, store: store, limits: ImageLimits())
            let enqueuer = JobEnqueuer(jobs: jobs, queue: queue, logger: logger)
            var queued: [PhotoJob] = []
            for index in 0..<5 {
                let book = try await books.create(BookDetails(title: "Batch \(index)"))
                let photo = try await intake.store(
                    try SharedFixtures.bytes("books/book1.jpg"), bookID: book.id,
                    details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
                queued.append(try await enqueuer.trigger(bookID: book.id, photoID: photo.photo.id).job)
            }
            let pipeline = WorkerPipeline.u2netp()
            let processor = PhotoJobProcessor(
                jobs: jobs, photos: photos, store: store, queue: queue, pipeline: pipeline, settings: settings,
                logger: logger)
            let service = WorkerService(queue: queue, processor: processor, settings: settings, logger: logger)
            let worker = Task { try await service.run() }
            let finished = try await eventually(timeout: .seconds(240)) {
                var statuses: [JobStatus] = []
                for job in queued { statuses.append(try await jobs.find(job.id)?.status ?? .pending) }
                return statuses.allSatisfy { $0 == .completed }
            }
            worker.cancel()
            _ = await worker.result
            var statuses: [JobStatus?] = []
            for job in queued { statuses.append(try await jobs.find(job.id)?.status) }
            #expect(finished, "statuses: \(statuses)")
            let maximums = queue.receiveMaximums
            #expect(maximums.first == min(batchSize, slots), "\(maximums)")
            #expect(maximums.allSatisfy { $0 >= 1 && $0 <= min(batchSize, slots) }, "\(maximums)")
            #expect(queue.mostHeld <= slots)
            #expect(try await queue.statistics() == QueueStatistics(depth: 0, inFlight: 0, deadLettered: 0))
        }
    }
}

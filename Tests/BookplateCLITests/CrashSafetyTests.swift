import BookplateServer
import Domain
import Foundation
import Logging
import PhotoJobs
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash safety and graceful shutdown of `bookplate worker`", .timeLimit(.minutes(10)))
struct CrashSafetyTests {
    /// A data folder and database holding one queued job for the 12-megapixel photo, the runtime of the test's
    /// side, and the environment that makes `bookplate worker` use them.
    struct QueuedJob: Sendable {
        let processes: BookplateProcesses
        let runtime: BookplateRuntime
        let book: Book
        let job: PhotoJob

        /// Waits until the job is being processed.
        func waitUntilProcessing() async throws -> Bool {
            try await eventually(timeout: .seconds(120)) { try await runtime.jobs.find(job.id)?.status == .processing }
        }

        /// Waits until the job is completed and checks it made exactly one processed photo, now primary, and that
        /// the queue empties: the worker acknowledges the message just after the job's completion commits.
        func expectCompletedOnce(by log: String) async throws {
            let completed = try await eventually(timeout: .seconds(300)) {
                try await runtime.jobs.find(job.id)?.status == .completed
            }
            #expect(completed, "worker log: \(processes.log(log))")
            let finished = try #require(try await runtime.jobs.find(job.id))
            let photos = try await runtime.photos.list(bookID: book.id)
            #expect(photos.filter(\.isBackgroundProcessed).count == 1)
            #expect(photos.count == 2)
            #expect(photos.first?.isPrimary == true && photos.first?.id == finished.processedPhotoID)
            let drained = try await eventually(timeout: .seconds(30)) {
                try await runtime.queue.statistics() == .init(depth: 0, inFlight: 0, deadLettered: 0)
            }
            let statistics = try await runtime.queue.statistics()
            #expect(drained, "the queue after the job: \(statistics)")
        }
    }

    /// Scenarios started per test: a signal meant to land mid-job can land after the job finished when the test
    /// process is starved of threads for a few seconds (other suites run beside it), and such a try proves nothing.
    static let tries = 3

    /// Runs `body` with one job queued for the 12-megapixel photo on `engine`, processed with the official u2net
    /// (seconds of work, so a signal usually lands mid-job); workers get `settings` on top; returns what `body` returns.
    func withQueuedJob<Result: Sendable>(
        _ engine: DatabaseEngine, settings extra: [String: String] = [:],
        _ body: @Sendable (QueuedJob) async throws -> Result
    ) async throws -> Result {
        try await withDatabase(engine) { database in
            let folder = try TemporaryFolder()
            var settings: [String: String] = [
                "data.dir": folder.url.path, "database.url": database.url, "database.timeout_ms": "15000",
                "models.dir": CommandRunner.packageRoot.appendingPathComponent("bookplate-data/models").path,
                "pipeline.attempts": "u2net", "pipeline.shape_floor": "0", "queue.visibility_timeout_ms": "3000",
                "worker.heartbeat_ms": "1000", "worker.poll_ms": "100", "log.level": "info",
            ]
            settings.merge(extra) { _, new in new }
            let processes = BookplateProcesses(folder: folder, environment: BookplateProcesses.environment(settings))
            let reader = try await ConfigurationSources.reader(overrides: settings, environment: [:])
            var logger = Logger(label: "worker-process-test")
            logger.logLevel = .error
            let runtime = try await BookplateRuntime.open(settings: try ServerSettings(config: reader), logger: logger)
            return try await runtime.withDatabaseRunning {
                try await runtime.prepare()
                let book = try await runtime.books.create(BookDetails(title: "Worker"))
                let intake = PhotoIntake(photos: runtime.photos, store: runtime.store, limits: runtime.settings.limits)
                let photo = try await intake.store(
                    try SharedFixtures.bytes("books/Jobs_ladeado.jpg"), bookID: book.id,
                    details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
                let job = try await runtime.enqueuer.trigger(bookID: book.id, photoID: photo.photo.id).job
                return try await body(
                    QueuedJob(processes: processes, runtime: runtime, book: book, job: job))
            }
        }
    }

    @Test("a worker killed with SIGKILL mid-job: another completes the job after the lease, one processed photo",
          arguments: DatabaseEngine.allCases)
    func killedWorker(engine: DatabaseEngine) async throws {
        var landedMidJob = false
        for _ in 0..<Self.tries where !landedMidJob {
            landedMidJob = try await withQueuedJob(engine) { queued in
                let first = try queued.processes.startWorker(log: "first.log")
                #expect(try await queued.waitUntilProcessing())
                kill(first.pid, SIGKILL)
                #expect(await first.exitStatus() == 128 + SIGKILL)
                guard try await queued.runtime.jobs.find(queued.job.id)?.status == .processing else { return false }

                let second = try queued.processes.startWorker(log: "second.log")
                defer { second.terminate() }
                try await queued.expectCompletedOnce(by: "second.log")
                #expect(try await queued.runtime.jobs.find(queued.job.id)?.processingAttempts ?? 0 >= 2)
                return true
            }
        }
        #expect(landedMidJob, "the job finished before the signal landed in every try")
    }

    @Test("SIGTERM mid-job with a short grace: the worker gives the job back at once and exits 0; another completes it",
          arguments: DatabaseEngine.allCases)
    func terminatedWorkerReleases(engine: DatabaseEngine) async throws {
        var landedMidJob = false
        for _ in 0..<Self.tries where !landedMidJob {
            landedMidJob = try await withQueuedJob(engine, settings: ["worker.shutdown_grace_ms": "100"]) { queued in
                let first = try queued.processes.startWorker(log: "first.log")
                #expect(try await queued.waitUntilProcessing())
                let stopping = ContinuousClock.now
                kill(first.pid, SIGTERM)
                #expect(await first.exitStatus() == 0, "worker log: \(queued.processes.log("first.log"))")
                #expect(ContinuousClock.now - stopping < .seconds(10))
                guard try await queued.runtime.jobs.find(queued.job.id)?.status != .completed else { return false }
                let statistics = try await queued.runtime.queue.statistics()
                #expect(statistics.inFlight == 0 && statistics.depth == 1, "the message was not given back: \(statistics)")

                let second = try queued.processes.startWorker(log: "second.log")
                defer { second.terminate() }
                try await queued.expectCompletedOnce(by: "second.log")
                return true
            }
        }
        #expect(landedMidJob, "the job finished before the signal landed in every try")
    }

    @Test("SIGTERM mid-job with time to spare: the worker finishes the job, then exits 0")
    func terminatedWorkerFinishes() async throws {
        try await withQueuedJob(.sqlite, settings: ["worker.shutdown_grace_ms": "240000"]) { queued in
            let worker = try queued.processes.startWorker(log: "worker.log")
            #expect(try await queued.waitUntilProcessing())
            kill(worker.pid, SIGTERM)
            #expect(await worker.exitStatus() == 0, "worker log: \(queued.processes.log("worker.log"))")
            #expect(try await queued.runtime.jobs.find(queued.job.id)?.status == .completed)
            try await queued.expectCompletedOnce(by: "worker.log")
        }
    }
}

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

@Suite("Crash safety of `bookplate worker`")
struct CrashSafetyTests {
    @Test("a worker killed with SIGKILL mid-job: another completes the job after the lease, one processed photo",
          .timeLimit(.minutes(10)), arguments: DatabaseEngine.allCases)
    func killedWorker(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let folder = try TemporaryFolder()
            let settings: [String: String] = [
                "data.dir": folder.url.path, "database.url": database.url, "models.dir": SharedFixtures.models.path,
                "pipeline.attempts": "u2netp", "pipeline.shape_floor": "0.5", "queue.visibility_timeout_ms": "3000",
                "worker.heartbeat_ms": "1000", "worker.poll_ms": "100", "log.level": "info",
            ]
            let environment = Dictionary(uniqueKeysWithValues: settings.map { key, value in
                ("BOOKPLATE_" + key.replacingOccurrences(of: ".", with: "_").uppercased(), value)
            })
            let reader = try await ConfigurationSources.reader(overrides: settings, environment: [:])
            var logger = Logger(label: "crash-safety-test")
            logger.logLevel = .error
            let runtime = try await BookplateRuntime.open(settings: try ServerSettings(config: reader), logger: logger)
            try await runtime.withDatabaseRunning {
                try await runtime.prepare()
                let book = try await runtime.books.create(BookDetails(title: "Crash"))
                let intake = PhotoIntake(photos: runtime.photos, store: runtime.store, limits: runtime.settings.limits)
                let photo = try await intake.store(
                    try SharedFixtures.bytes("books/Jobs_ladeado.jpg"), bookID: book.id,
                    details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
                let job = try await runtime.enqueuer.trigger(bookID: book.id, photoID: photo.photo.id).job

                let first = try ChildProcess(
                    [CommandRunner.executable.path, "worker"], environment: environment,
                    standardError: folder.url.appendingPathComponent("first.log"))
                let started = try await eventually(timeout: .seconds(120)) {
                    try await runtime.jobs.find(job.id)?.status == .processing
                }
                try await Task.sleep(for: .milliseconds(300))
                let beforeKill = try await runtime.jobs.find(job.id)
                kill(first.pid, SIGKILL)
                #expect(first.wait() == 128 + SIGKILL)
                #expect(started && beforeKill?.status == .processing, "the job was not mid-flight when the worker died")

                let second = try ChildProcess(
                    [CommandRunner.executable.path, "worker"], environment: environment,
                    standardError: folder.url.appendingPathComponent("second.log"))
                defer { second.terminate() }
                let completed = try await eventually(timeout: .seconds(300)) {
                    try await runtime.jobs.find(job.id)?.status == .completed
                }
                let log = (try? String(contentsOf: folder.url.appendingPathComponent("second.log"), encoding: .utf8)) ?? ""
                #expect(completed, "second worker's log: \(log.suffix(2000))")
                let finished = try #require(try await runtime.jobs.find(job.id))
                #expect(finished.processingAttempts >= 2)
                let photos = try await runtime.photos.list(bookID: book.id)
                #expect(photos.filter(\.isBackgroundProcessed).count == 1)
                #expect(photos.count == 2)
                #expect(photos.first?.isPrimary == true && photos.first?.id == finished.processedPhotoID)
                #expect(try await runtime.queue.statistics() == .init(depth: 0, inFlight: 0, deadLettered: 0))
            }
        }
    }
}

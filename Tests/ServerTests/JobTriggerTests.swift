import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import NIOCore
import Persistence
import PhotoJobs
import TestSupport
import Testing

@Suite("Job triggers, enqueue failures and the retry sweeper", .timeLimit(.minutes(5)))
struct JobTriggerTests {
    /// Creates a book with two uploaded photos, the first primary (and so with a job of its own); returns (book id,
    /// the second photo's id).
    static func bookWithPhoto(_ client: some TestClientProtocol, _ service: TestService) async throws -> (String, String) {
        let book = try await service.createBook(client, title: "T")
        _ = try await service.uploadPhoto(client, book: book, query: "is_primary=true", fixture: "books/book1.jpg")
        return (book, try await service.uploadPhoto(client, book: book, query: "image_type=cover"))
    }

    @Test("20 concurrent triggers for one (book, photo) make exactly one job", arguments: DatabaseEngine.allCases)
    func concurrentTriggers(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.live) { client in
                let (book, photo) = try await Self.bookWithPhoto(client, service)
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            try await client.execute(
                                uri: "/books/\(book)/photos/\(photo)/jobs", method: .post, headers: service.headers(.editor)
                            ) { $0.status }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .accepted }.count == 1)
                #expect(statuses.filter { $0 == .ok }.count == 19)
                let jobs = try await client.execute(
                    uri: "/books/\(book)/jobs", method: .get, headers: service.headers(.viewer)
                ) { try object($0.body)["items"] as? [[String: Any]] ?? [] }
                #expect(jobs.filter { ($0["image_id"] as? String)?.lowercased() == photo.lowercased() }.count == 1)
                #expect(jobs.count == 2)
                #expect(try await service.runtime.queue.statistics().depth == 2)
            }
        }
    }

    @Test("a completed job shows what the outline step did, the whole-photo check included", arguments: DatabaseEngine.allCases)
    func outlineRecord(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let (book, photo) = try await Self.bookWithPhoto(client, service)
                let job = try await client.execute(
                    uri: "/books/\(book)/photos/\(photo)/jobs", method: .post, headers: service.headers(.editor)
                ) { try #require((try object($0.body)["job"] as? [String: Any])?["id"] as? String) }
                let (bookID, photoID, jobID) = try (#require(UUID(uuidString: book)), #require(UUID(uuidString: photo)), #require(UUID(uuidString: job)))
                let outline = BookOutlineResult(
                    outcome: .applied, shapeScoreBefore: 0.52, shapeScoreAfter: 1, fillsFrame: true, wholePhotoCheck: .printedPage)
                try await CompletedJob.record(
                    jobID, source: photoID, bookID: bookID,
                    summary: ProcessingSummary(modelUsed: "u2net", background: "white", bookOutline: outline),
                    jobs: SQLJobRepository(database: database.database), photos: SQLPhotoRepository(database: database.database))
                let shown = try await client.execute(uri: "/jobs/\(job)", method: .get, headers: service.headers(.viewer)) {
                    try object($0.body)
                }
                #expect(shown["status"] as? String == "completed" && shown["book_outline"] as? String == "applied")
                #expect(shown["book_outline_fills_frame"] as? Bool == true)
                #expect(shown["book_outline_whole_photo_check"] as? String == "printed_page")
                #expect(shown["shape_score_before"] as? Double == 0.52 && shown["shape_score_after"] as? Double == 1)
            }
        }
    }

    @Test("queue unavailable: import succeeds with a queue_failed job; sweeps bring it back or give it up", arguments: DatabaseEngine.allCases)
    func enqueueFailureAndSweeps(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await ListingHost.run { site in
                try await service.application(workers: false).test(.live) { client in
                    try await QueueOutage.begin(database.database)
                    let listing = #"{"book": {"title": "Q"}, "photos": [{"url": "\#(site)/photos/fort.png"}]}"#
                    let job = try await client.execute(
                        uri: "/imports", method: .post, headers: service.headers(.editor), body: json(listing)
                    ) { response in
                        #expect(response.status == .created)
                        return try object(response.body)["job"] as? [String: Any] ?? [:]
                    }
                    #expect(job["status"] as? String == "queue_failed")
                    #expect((job["error"] as? String)?.contains("sending to queue photo-jobs failed") == true)
                    let jobID = try #require(job["id"] as? String)
                    #expect(jobID == jobID.lowercased(), "identifiers are written in lower case")

                    try await QueueOutage.end(database.database)
                    let sweep = try await client.execute(
                        uri: "/admin/image-processing/retry-queue-failed", method: .post, headers: service.headers(.admin)
                    ) { try object($0.body) }
                    #expect(sweep["retried"] as? Int == 1 && sweep["succeeded"] as? Int == 1)
                    #expect(sweep["still_failing"] as? Int == 0 && sweep["permanently_failed"] as? Int == 0)
                    let pending = try await client.execute(uri: "/jobs/\(jobID)", method: .get, headers: service.headers(.viewer)) {
                        try object($0.body)
                    }
                    #expect(pending["status"] as? String == "pending" && pending["queue_retry_count"] as? Int == 0)

                    let (book, photo) = try await Self.bookWithPhoto(client, service)
                    try await QueueOutage.begin(database.database)
                    let second = try await client.execute(
                        uri: "/books/\(book)/photos/\(photo)/jobs", method: .post, headers: service.headers(.editor)
                    ) { try (object($0.body)["job"] as? [String: Any])?["id"] as? String ?? "" }
                    var results: [SweepResult] = []
                    for _ in 0..<3 { results.append(try await service.runtime.sweeper.sweep()) }
                    #expect(results.map(\.stillFailing) == [1, 1, 0])
                    #expect(results.map(\.permanentlyFailed) == [0, 0, 1])
                    let given = try #require(try await service.runtime.jobs.find(UUID(uuidString: second)!))
                    #expect(given.status == .permanentlyFailed && given.queueRetryCount == 3)
                    try await QueueOutage.end(database.database)
                    #expect(try await service.runtime.sweeper.sweep().retried == 0)
                }
            }
        }
    }

    /// Runs `body` with a service of `engine` whose database runs, outside any HTTP application, and one book in it.
    static func withRunningService(
        _ engine: DatabaseEngine, settings: [String: String] = [:],
        _ body: @Sendable (TestService, TestDatabase, Book) async throws -> Void
    ) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database, settings: settings)
            try await service.runtime.withDatabaseRunning {
                try await body(service, database, try await service.runtime.books.create(BookDetails(title: "Sweep")))
            }
        }
    }

    @Test("two sweepers at once never send a job twice")
    func concurrentSweepers() async throws {
        try await withDatabase(.postgres) { database in
            let service = try await TestService.make(database: database)
            let first = RetrySweeper(jobs: service.runtime.jobs, queue: service.runtime.queue, logger: service.runtime.logger)
            let second = RetrySweeper(jobs: service.runtime.jobs, queue: service.runtime.queue, logger: service.runtime.logger)
            let sent = try await service.runtime.withDatabaseRunning {
                let book = try await service.runtime.books.create(BookDetails(title: "S"))
                try await QueueOutage.begin(database.database)
                for _ in 0..<40 { _ = try await service.runtime.enqueuer.trigger(bookID: book.id, photoID: UUID()) }
                try await QueueOutage.end(database.database)
                #expect(try await service.runtime.jobs.countByStatus()[.queueFailed] == 40)
                async let a = first.sweep()
                async let b = second.sweep()
                let results = try await (a, b)
                return results.0.succeeded + results.1.succeeded
            }
            #expect(sent == 40)
            let bodies = try await database.database.query("SELECT body FROM queue_messages").map { try $0.string("body") }
            #expect(bodies.count == 40 && Set(bodies).count == 40)
        }
    }

    @Test("a re-sent job whose photo got a newer active job meanwhile ends failed, not stuck queue_failed", arguments: DatabaseEngine.allCases)
    func resentButSuperseded(engine: DatabaseEngine) async throws {
        try await Self.withRunningService(engine) { service, database, book in
            let photo = UUID()
            try await QueueOutage.begin(database.database)
            let waiting = try await service.runtime.enqueuer.trigger(bookID: book.id, photoID: photo).job
            try await QueueOutage.end(database.database)
            let newer = try await service.runtime.enqueuer.trigger(bookID: book.id, photoID: photo)
            #expect(newer.created && newer.job.status == .pending)
            let sweep = try await service.runtime.sweeper.sweep()
            #expect(sweep.retried == 1 && sweep.succeeded == 1)
            let ended = try #require(try await service.runtime.jobs.find(waiting.id))
            #expect(ended.status == .failed && ended.error?.contains("another job") == true)
            #expect(try await service.runtime.sweeper.sweep().retried == 0)
        }
    }

    /// A process that stops between writing a job and sending its message (killed, out of memory) leaves it
    /// `pending` without the enqueued mark: the sweep sends it once it is older than a send could take.
    @Test("a pending job whose message was never sent is sent by the sweep", arguments: DatabaseEngine.allCases)
    func lostBeforeSending(engine: DatabaseEngine) async throws {
        try await Self.withRunningService(engine) { service, database, book in
            let sent = try await service.runtime.enqueuer.trigger(bookID: book.id, photoID: UUID()).job
            let lost = try await service.runtime.jobs.createPending(bookID: book.id, photoID: UUID()).job
            #expect(try await service.runtime.sweeper.sweep().retried == 0, "not yet: a send may still be under way")
            try await database.database.query(
                "UPDATE photo_jobs SET created_at = \(bind: Date.now.addingTimeInterval(-600)) WHERE id IN (\(bindList: [sent.id, lost.id]))")
            let sweep = try await service.runtime.sweeper.sweep()
            #expect(sweep.retried == 1 && sweep.succeeded == 1)
            #expect(try await service.runtime.queue.statistics().depth == 2)
            #expect(try await service.runtime.jobs.find(lost.id)?.status == .pending)
            #expect(try await service.runtime.sweeper.sweep().retried == 0, "sent once")
        }
    }

    /// The database queue dead-letters a message at its last receive without touching the job, as SQS's redrive
    /// does: a job whose worker died each time would stay `processing` for good without the sweep.
    @Test("a job left processing after its message was dead-lettered is ended by the sweep")
    func abandonedProcessing() async throws {
        try await Self.withRunningService(.sqlite, settings: ["sweeper.abandoned_after_seconds": "60"]) { service, database, book in
            let job = try await service.runtime.enqueuer.trigger(bookID: book.id, photoID: UUID()).job
            _ = try await service.runtime.jobs.startProcessing(JobClaim(jobID: job.id), holdFor: .seconds(60))
            #expect(try await service.runtime.sweeper.sweep().abandoned == 0, "a job at work is left alone")
            try await database.database.query(
                "UPDATE photo_jobs SET updated_at = \(bind: Date.now.addingTimeInterval(-61)) WHERE id = \(bind: job.id)")
            #expect(try await service.runtime.sweeper.sweep().abandoned == 0, "its worker's claim still holds it")
            try await database.database.query(
                "UPDATE photo_jobs SET claimed_until = \(bind: Date.now.addingTimeInterval(-1)) WHERE id = \(bind: job.id)")
            let sweep = try await service.runtime.sweeper.sweep()
            #expect(sweep.abandoned == 1 && sweep.retried == 0)
            let ended = try #require(try await service.runtime.jobs.find(job.id))
            #expect(ended.status == .failed && ended.error?.hasPrefix("abandoned") == true)
            #expect(try await service.runtime.sweeper.sweep().abandoned == 0)
        }
    }
}

/// Makes the database queue really unavailable by renaming its table, and brings it back.
enum QueueOutage {
    static func begin(_ database: any Database) async throws {
        try await database.query("ALTER TABLE queue_messages RENAME TO queue_messages_offline")
    }

    static func end(_ database: any Database) async throws {
        try await database.query("ALTER TABLE queue_messages_offline RENAME TO queue_messages")
    }
}

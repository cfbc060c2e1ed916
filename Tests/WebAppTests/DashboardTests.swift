import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Persistence
import TestSupport
import Testing

@Suite("Web app: the admin dashboard", .timeLimit(.minutes(5)))
struct DashboardTests {
    /// The dashboard as a signed-in admin sees it, `before` run after signing in; expects 200.
    static func dashboard(
        _ client: some TestClientProtocol, _ service: WebTestService, before: () async throws -> Void = {}
    ) async throws -> String {
        let session = try await SignInTests.signIn(.admin, service: service, client: client)
        try await before()
        return try await client.execute(
            uri: "/app/admin", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(session)"]
        ) { response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test("the queue's figures as the deep check read them; the ten newest failures of every failed status, newest first")
    func figuresAndFailures() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            let runtime = service.runtime
            let book = try await runtime.books.create(BookDetails(title: "Dashboard"))
            let start = Date.now.addingTimeInterval(-3600)
            func job(created: Double, updated: Double, _ fail: (UUID) async throws -> Void) async throws -> String {
                let job = try await runtime.jobs.createPending(bookID: book.id, photoID: UUID()).job
                try await fail(job.id)
                try await runtime.database.query(
                    """
                    UPDATE photo_jobs SET created_at = \(bind: start.addingTimeInterval(created)),
                        updated_at = \(bind: start.addingTimeInterval(updated))
                    WHERE id = \(bind: job.id)
                    """)
                return job.id.lowercased
            }
            var failed: [String] = []
            for index in 0..<12 {
                failed.append(try await job(created: Double(index), updated: 100 + Double(index)) {
                    try await runtime.jobs.markFailed($0, error: "failed")
                })
            }
            var queueFailed: [String] = []
            for index in 0..<2 {
                queueFailed.append(try await job(created: 20 + Double(index), updated: 105.5 + Double(index)) {
                    try await runtime.jobs.markQueueFailed($0, error: "queue down")
                })
            }
            let given = try await job(created: 30, updated: 200) {
                try await runtime.jobs.markQueueFailed($0, error: "queue down")
                _ = try await runtime.jobs.markResendFailed($0, error: "gave up", maximumRetries: 1)
            }
            for _ in 0..<2 {
                try await runtime.queue.send(JobMessage(jobID: UUID(), bookID: book.id, imageID: UUID()))
            }
            let expected = ["permanently_failed \(given)"]
                + [11, 10, 9, 8, 7].map { "failed \(failed[$0])" } + ["queue_failed \(queueFailed[1])", "failed \(failed[6])"]
                + ["queue_failed \(queueFailed[0])", "failed \(failed[5])"]
            try await service.application().test(.router) { client in
                let html = try await Self.dashboard(client, service)
                #expect(html.contains("<dt>Waiting</dt><dd>2</dd>") && html.contains("<dt>In flight</dt><dd>0</dd>"))
                #expect(html.contains("2 messages · \(runtime.queue.name)"), "the deep check's queue:depth")
                let shown = html.matches(of: /Job ([0-9a-f-]{36})<\/a> · ([a-z_]+)/).map {
                    "\($0.output.2) \($0.output.1)"
                }
                #expect(shown == expected)
            }
        }
    }

    /// The page an admin opens when something is wrong: it must not fail with the queue.
    @Test("with the queue down the dashboard still shows, its queue figures and dead letters marked unavailable")
    func queueDown() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let html = try await Self.dashboard(client, service) {
                    try await service.runtime.database.query("ALTER TABLE queue_messages RENAME TO queue_messages_offline")
                }
                #expect(html.contains("<dt>Waiting</dt><dd>unavailable</dd>") && html.contains("<dt>Dead letters</dt><dd>unavailable</dd>"))
                #expect(html.contains("The dead letters could not be read") && !html.contains("No dead letters."))
                #expect(html.contains("<h2 id=\"health-heading\">Health: fail</h2>"), "\(html.suffix(2000))")
            }
        }
    }
}

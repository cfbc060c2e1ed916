import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

@Suite("A photo the pipeline always refuses", .timeLimit(.minutes(5)))
struct PoisonPhotoTests {
    @Test("fails with its reason, is dead-lettered at once without running inference again, shows to admins and can be replayed",
          arguments: DatabaseEngine.allCases)
    func poisonPhoto(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database, settings: ["pipeline.max_side": "400"])
            try await service.application(workers: true).test(.router) { client in
                let admin = service.headers(.admin)
                let book = try await service.createBook(client, title: "P")
                let photo = try await service.uploadPhoto(client, book: book, query: "is_primary=true")
                let deadLettered = try await eventually {
                    let letters = try await client.execute(uri: "/admin/dead-letters", method: .get, headers: admin) {
                        try object($0.body)["items"] as? [[String: Any]] ?? []
                    }
                    return letters.count == 1
                }
                #expect(deadLettered)
                let letters = try await client.execute(uri: "/admin/dead-letters", method: .get, headers: admin) {
                    try object($0.body)["items"] as? [[String: Any]] ?? []
                }
                let letter = try #require(letters.first)
                #expect(letter["receive_count"] as? Int == 1, "\(letter)")
                #expect((letter["last_error"] as? String)?.contains("dimensions_too_large") == true)

                let failed = try await client.execute(uri: "/admin/jobs?status=failed", method: .get, headers: admin) {
                    try object($0.body)["items"] as? [[String: Any]] ?? []
                }
                let job = try #require(failed.first)
                #expect(failed.count == 1)
                #expect((job["image_id"] as? String)?.lowercased() == photo.lowercased())
                #expect((job["error"] as? String)?.contains("dimensions_too_large") == true, "\(job)")
                #expect(job["processing_attempts"] as? Int == 1, "\(job)")
                #expect(try await service.runtime.photos.list(bookID: UUID(uuidString: book)!).count == 1)

                let jobID = try #require(job["id"] as? String)
                let active = try await service.runtime.jobs.createPending(
                    bookID: try #require(UUID(uuidString: book)), photoID: try #require(UUID(uuidString: photo))
                ).job
                let letterID = try #require(letter["id"] as? String)
                let refused = try await client.execute(
                    uri: "/admin/dead-letters/\(letterID)/replay", method: .post, headers: admin
                ) { $0.status }
                #expect(refused == .conflict, "another job for the photo is active")
                #expect(try await service.runtime.queue.statistics().deadLettered == 1, "the message stays a dead letter")
                #expect(try await service.runtime.jobs.find(UUID(uuidString: jobID)!)?.status == .failed)
                try await database.database.query("DELETE FROM photo_jobs WHERE id = \(bind: active.id)")
                let replayed = try await client.execute(uri: "/admin/jobs/\(jobID)/replay", method: .post, headers: admin) {
                    response in
                    #expect(response.status == .accepted)
                    return try object(response.body)
                }
                #expect(["pending", "processing", "failed"].contains(replayed["status"] as? String ?? ""))
                let remaining = try await client.execute(uri: "/admin/dead-letters", method: .get, headers: admin) {
                    try object($0.body)["items"] as? [[String: Any]] ?? []
                }
                #expect(remaining.isEmpty)
                let redelivered = try await eventually {
                    try await service.runtime.queue.statistics().deadLettered == 1
                }
                #expect(redelivered, "the replayed message is received again and dead-lettered again")
                let again = try #require(try await service.runtime.jobs.find(UUID(uuidString: jobID)!))
                #expect(again.status == .failed)
                let notReplayable = try await client.execute(
                    uri: "/admin/jobs/\(UUID())/replay", method: .post, headers: admin
                ) { $0.status }
                #expect(notReplayable == .notFound)
            }
        }
    }
}

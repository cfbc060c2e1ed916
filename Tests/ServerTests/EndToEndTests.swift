import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImagePipeline
import NIOCore
import TestSupport
import Testing

/// One test at a time: each runs workers that process photos with the debug build's pipeline, and the suite runs
/// beside every other service test.
@Suite("End to end: import → job → processed primary photo", .serialized, .timeLimit(.minutes(5)))
struct EndToEndTests {
    @Test("a listing imported from a loopback site is processed with u2netp by DESIGN.md §4", arguments: DatabaseEngine.allCases)
    func importToProcessedPrimary(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await ListingHost.run { site in
                try await service.application().test(.live) { client in
                    let listing = """
                        {"book": {"title": "Fort Solitude", "author": "Anon"},
                         "photos": [{"url": "\(site)/photos/fort.png", "image_type": "cover", "caption": "front"},
                                    {"url": "\(site)/redirect?to=/photos/anime-girl-1.jpg"}]}
                        """
                    let imported = try await client.execute(
                        uri: "/imports", method: .post, headers: service.headers(.editor), body: json(listing)
                    ) { response in
                        #expect(response.status == .created, "\(String(buffer: response.body))")
                        return try object(response.body)
                    }
                    let book = try #require((imported["book"] as? [String: Any])?["id"] as? String)
                    let photos = try #require(imported["photos"] as? [[String: Any]])
                    #expect(photos.count == 2)
                    let cover = try #require(photos.first?["id"] as? String)
                    let job = try #require((imported["job"] as? [String: Any])?["id"] as? String)
                    #expect((imported["job"] as? [String: Any])?["status"] as? String == "pending")

                    var final: [String: Any] = [:]
                    let completed = try await eventually {
                        final = try await client.execute(uri: "/jobs/\(job)", method: .get, headers: service.headers(.viewer)) {
                            try object($0.body)
                        }
                        return ["completed", "failed"].contains(final["status"] as? String)
                    }
                    #expect(completed)
                    #expect(final["status"] as? String == "completed", "\(final)")
                    #expect(final["model_used"] as? String == "u2netp")
                    #expect(["black", "white"].contains(final["background"] as? String), "\(final)")
                    let timings = final["stage_timings_ms"] as? [String: Double] ?? [:]
                    #expect((timings["inference"] ?? 0) > 0 && (timings["total"] ?? 0) >= (timings["inference"] ?? 0))
                    let processedID = try #require(final["processed_image_id"] as? String)

                    let list = try await client.execute(
                        uri: "/books/\(book)/photos", method: .get, headers: service.headers(.viewer)
                    ) { try object($0.body)["items"] as? [[String: Any]] ?? [] }
                    let ids = list.map { ($0["id"] as? String ?? "").lowercased() }
                    let second = (photos[1]["id"] as? String ?? "").lowercased()
                    #expect(ids == [processedID.lowercased(), second, cover.lowercased()])
                    #expect(list.map { $0["display_order"] as? Int } == [0, 1, 2])
                    #expect(list.map { $0["is_primary"] as? Bool } == [true, false, false])
                    #expect(list.map { $0["is_background_processed"] as? Bool } == [true, false, false])
                    #expect(list[0]["content_type"] as? String == "image/png")
                    #expect((list[0]["source_photo_id"] as? String)?.lowercased() == cover.lowercased())

                    try await client.execute(
                        uri: "/books/\(book)/photos/\(processedID)/file", method: .get, headers: service.headers(.viewer)
                    ) { response in
                        #expect(response.headers[.contentType] == "image/png")
                        let header = try ImageHeader.read(Array(response.body.readableBytesView))
                        #expect(header.bands == 3 && header.width == 1024 && header.height == 1096)
                    }
                    try await client.execute(
                        uri: "/books/\(book)/photos/\(processedID)/thumbnail", method: .get,
                        headers: service.headers(.viewer)
                    ) { response in
                        #expect(response.headers[.contentType] == "image/jpeg")
                        let header = try ImageHeader.read(Array(response.body.readableBytesView))
                        #expect(max(header.width, header.height) == 300)
                    }
                    try await client.execute(
                        uri: "/books/\(book)/photos/primary", method: .get, headers: service.headers(.viewer)
                    ) { response in
                        let primary = try object(response.body)["id"] as? String
                        #expect(primary?.lowercased() == processedID.lowercased())
                    }
                }
            }
        }
    }

    /// Processing the same photo again gives the same bytes, which the book already has: the job completes with
    /// the photo it has, and the files written for the new copy are deleted, not left in the store unrecorded.
    @Test("a result the book already has is not stored twice: the files written for it are deleted")
    func repeatedResult() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database, settings: ["pipeline.book_outline": "false"])
            try await service.application().test(.live) { client in
                let book = try await service.createBook(client, title: "Again")
                let source = try await service.uploadPhoto(client, book: book, query: "is_primary=true")
                func finished(_ job: String) async throws -> [String: Any] {
                    var final: [String: Any] = [:]
                    _ = try await eventually {
                        final = try await client.execute(uri: "/jobs/\(job)", method: .get, headers: service.headers(.viewer)) {
                            try object($0.body)
                        }
                        return ["completed", "failed"].contains(final["status"] as? String)
                    }
                    return final
                }
                let firstJob = try await client.execute(uri: "/books/\(book)/jobs", method: .get, headers: service.headers(.viewer)) {
                    ((try object($0.body)["items"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
                }
                let first = try await finished(firstJob)
                #expect(first["status"] as? String == "completed", "\(first)")
                let files = service.storedFiles()
                let again = try await client.execute(
                    uri: "/books/\(book)/photos/\(source)/jobs", method: .post, headers: service.headers(.editor)
                ) { response in
                    #expect(response.status == .accepted)
                    return ((try object(response.body)["job"] as? [String: Any])?["id"] as? String) ?? ""
                }
                let second = try await finished(again)
                #expect(second["status"] as? String == "completed", "\(second)")
                #expect(second["processed_image_id"] as? String == first["processed_image_id"] as? String)
                #expect(service.storedFiles() == files, "no stray files: \(service.storedFiles().subtracting(files))")
            }
        }
    }
}

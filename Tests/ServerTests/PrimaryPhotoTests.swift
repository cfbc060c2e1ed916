import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("GET /books/{id}/photos/primary", .timeLimit(.minutes(5)))
struct PrimaryPhotoTests {
    /// The primary photo's id, or the error code of a refusal.
    static func primary(_ client: some TestClientProtocol, service: TestService, book: String) async throws -> String {
        try await client.execute(uri: "/books/\(book)/photos/primary", method: .get, headers: service.headers(.viewer)) {
            response in
            let body = try object(response.body)
            if response.status == .ok { return (body["id"] as? String ?? "").lowercased() }
            return "\(response.status.code) \((body["error"] as? [String: Any])?["code"] as? String ?? "\(body)")"
        }
    }

    /// The photos that processing jobs were made for.
    static func jobPhotos(_ client: some TestClientProtocol, service: TestService, book: String) async throws -> Set<String> {
        try await client.execute(uri: "/books/\(book)/jobs", method: .get, headers: service.headers(.viewer)) { response in
            let jobs = try object(response.body)["items"] as? [[String: Any]] ?? []
            return Set(jobs.compactMap { ($0["image_id"] as? String)?.lowercased() })
        }
    }

    @Test("none until the first upload; then whichever photo the uploads, the order and deletions make primary", arguments: DatabaseEngine.allCases)
    func followsThePrimary(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let book = try await service.createBook(client, title: "Primary")
                let other = try await service.createBook(client, title: "Other")
                #expect(try await Self.primary(client, service: service, book: book) == "404 not_found")
                let first = try await service.uploadPhoto(client, book: book, query: "caption=first").lowercased()
                _ = try await service.uploadPhoto(client, book: other, query: "is_primary=true", fixture: "books/book1.jpg")
                #expect(try await Self.primary(client, service: service, book: book) == first)
                #expect(try await Self.jobPhotos(client, service: service, book: book) == [first], "the first photo becomes primary")
                let second = try await service.uploadPhoto(
                    client, book: book, query: "is_primary=true", fixture: "books/book1.jpg"
                ).lowercased()
                let third = try await service.uploadPhoto(
                    client, book: book, query: "caption=third", fixture: "books/Jobs_ladeado.jpg"
                ).lowercased()
                #expect(try await Self.primary(client, service: service, book: book) == second)
                #expect(try await Self.jobPhotos(client, service: service, book: book) == [first, second])
                let reordered = try await client.execute(
                    uri: "/books/\(book)/photos/order", method: .put, headers: service.headers(.editor),
                    body: json(#"{"photo_ids": ["\#(third)"]}"#)
                ) { $0.status }
                #expect(reordered == .ok)
                #expect(try await Self.primary(client, service: service, book: book) == third)
                let deleted = try await client.execute(
                    uri: "/books/\(book)/photos/\(third)", method: .delete, headers: service.headers(.editor)
                ) { $0.status }
                #expect(deleted == .noContent)
                #expect(try await Self.primary(client, service: service, book: book) == second)
                #expect(try await Self.primary(client, service: service, book: UUID().uuidString) == "404 not_found")
            }
        }
    }
}

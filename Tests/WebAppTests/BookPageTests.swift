import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Web app: the book page", .timeLimit(.minutes(5)))
struct BookPageTests {
    @Test("details, photos in display order with the primary marked, the job history; escaped; unknown books 404")
    func bookPage() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let book = try await service.runtime.books.create(
                    BookDetails(title: "Emma <i>", author: "Jane Austen", isbn: "0141439580", description: "\"quoted\" & <b>bold</b>"))
                let upload = try await client.execute(
                    uri: "/books/\(book.id.lowercased)/photos?is_primary=true", method: .post,
                    headers: [.authorization: "Bearer \(service.keys[.editor]!)"],
                    body: ByteBuffer(bytes: try SharedFixtures.bytes("books/fortSolitude.png"))
                ) { $0.status }
                #expect(upload == .created)
                let session = try await SignInTests.signIn(.viewer, service: service, client: client)
                let cookie: HTTPFields = [.cookie: "\(SessionCookie.name)=\(session)"]
                let list = try await client.execute(uri: "/app/books", method: .get, headers: cookie) { String(buffer: $0.body) }
                #expect(list.contains("href=\"/app/books/\(book.id.lowercased)\""))
                #expect(list.contains("/thumbnail\""))
                let html = try await client.execute(uri: "/app/books/\(book.id.lowercased)", method: .get, headers: cookie) {
                    response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(html.contains("<h1>Emma &lt;i&gt;</h1>") && html.contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"))
                #expect(html.contains("Primary") && html.contains("0141439580"))
                #expect(html.contains(">pending</td>") || html.contains(">queue_failed</td>"))
                #expect(html.utf8.count < 150_000)
                for path in ["/app/books/\(UUID().uuidString)", "/app/books/not-a-uuid"] {
                    let status = try await client.execute(uri: path, method: .get, headers: cookie) { $0.status }
                    #expect(status == .notFound, "\(path)")
                }
            }
        }
    }

    /// Uploads `fixture` to `book` through the API as an editor, with `query`; the new photo's id.
    static func upload(
        _ client: some TestClientProtocol, _ service: WebTestService, book: Book, query: String, fixture: String
    ) async throws -> UUID {
        try await client.execute(
            uri: "/books/\(book.id.lowercased)/photos?\(query)", method: .post,
            headers: [.authorization: "Bearer \(service.keys[.editor]!)"], body: ByteBuffer(bytes: try SharedFixtures.bytes(fixture))
        ) { response in
            let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            let id = try #require(body?["id"] as? String)
            return try #require(UUID(uuidString: id))
        }
    }

    /// The book page of `book` as a signed-in viewer sees it.
    static func page(of book: Book, _ client: some TestClientProtocol, _ service: WebTestService) async throws -> String {
        let session = try await SignInTests.signIn(.viewer, service: service, client: client)
        return try await client.execute(
            uri: "/app/books/\(book.id.lowercased)", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(session)"]
        ) { String(buffer: $0.body) }
    }

    /// The worker picks the source by type priority: a title page beats the cover the job was asked for.
    @Test("before and after shows the photo the worker processed, not the one the job was asked for")
    func beforeIsTheProcessedSource() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let book = try await service.runtime.books.create(BookDetails(title: "Sources"))
                let titlePage = try await Self.upload(client, service, book: book, query: "image_type=title_page", fixture: "books/book1.jpg")
                let cover = try await Self.upload(
                    client, service, book: book, query: "is_primary=true&image_type=cover", fixture: "books/fortSolitude.png")
                let job = try #require(try await service.runtime.jobs.list(bookID: book.id).first { $0.requestedPhotoID == cover })
                try await CompletedJob.record(
                    job.id, source: titlePage, bookID: book.id,
                    summary: ProcessingSummary(modelUsed: "u2net", background: "white"), jobs: service.runtime.jobs,
                    photos: service.runtime.photos)
                let html = try await Self.page(of: book, client, service)
                #expect(html.contains("class=\"before\" src=\"/books/\(book.id.lowercased)/photos/\(titlePage.lowercased)/file\""), "\(html.suffix(3000))")
                #expect(!html.contains("class=\"before\" src=\"/books/\(book.id.lowercased)/photos/\(cover.lowercased)/file\""))
            }
        }
    }

    @Test("a completed job's row says what the outline step did and, when it kept the whole photo, why")
    func outlineInTheJobHistory() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let book = try await service.runtime.books.create(BookDetails(title: "Pages"))
                let photo = try await Self.upload(client, service, book: book, query: "is_primary=true", fixture: "books/fortSolitude.png")
                let job = try #require(try await service.runtime.jobs.list(bookID: book.id).first)
                let outline = BookOutlineResult(
                    outcome: .applied, shapeScoreBefore: 0.93, shapeScoreAfter: 1, fillsFrame: true,
                    wholePhotoCheck: .runsOffFrame)
                try await CompletedJob.record(
                    job.id, source: photo, bookID: book.id,
                    summary: ProcessingSummary(modelUsed: "u2net", background: "white", bookOutline: outline),
                    jobs: service.runtime.jobs, photos: service.runtime.photos)
                let html = try await Self.page(of: book, client, service)
                #expect(
                    html.contains(
                        "applied, the book fills the photo: whole photo kept (the page runs off three sides of the photo) "
                            + "(shape 0.93 → 1.00)"), "\(html.suffix(3000))")
            }
        }
    }
}

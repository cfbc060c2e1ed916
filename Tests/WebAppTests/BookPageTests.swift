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
}

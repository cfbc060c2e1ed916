import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Web app: what each role sees and may do", .timeLimit(.minutes(5)))
struct RoleMatrixTests {
    /// A signed-in browser: its cookie header and the page's anti-forgery token.
    struct Browser {
        let cookie: String
        let token: String

        var headers: HTTPFields { [.cookie: "\(SessionCookie.name)=\(cookie)"] }
    }

    static func browser(_ role: Role, service: WebTestService, client: some TestClientProtocol) async throws -> Browser {
        let cookie = try await SignInTests.signIn(role, service: service, client: client)
        let html = try await client.execute(uri: "/app/books", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(cookie)"]) {
            String(buffer: $0.body)
        }
        let token = try #require(html.firstMatch(of: /<meta name="csrf-token" content="([0-9a-f]+)">/)?.output.1)
        return Browser(cookie: cookie, token: String(token))
    }

    /// Every `data-api="METHOD URL"` of a page: the API calls its forms make.
    static func formActions(_ html: String) -> [(HTTPRequest.Method, String)] {
        html.matches(of: /data-api="([A-Z]+) ([^"]+)"/).compactMap { match in
            HTTPRequest.Method(String(match.output.1)).map { ($0, String(match.output.2)) }
        }
    }

    @Test("every page by role: 303 to sign-in without a session, 403 below its role, 200 from it; controls by role")
    func pagesByRole() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            let book = try await service.runtime.books.create(BookDetails(title: "Matrix"))
            try await service.application().test(.router) { client in
                var browsers: [Role: Browser] = [:]
                for role in Role.allCases { browsers[role] = try await Self.browser(role, service: service, client: client) }
                let upload = try await client.execute(
                    uri: "/books/\(book.id.lowercased)/photos", method: .post,
                    headers: [.authorization: "Bearer \(service.keys[.editor]!)"],
                    body: ByteBuffer(bytes: try SharedFixtures.bytes("books/fortSolitude.png"))
                ) { $0.status }
                #expect(upload == .created)
                let pages: [(String, Role)] = [
                    ("/app/books", .viewer), ("/app/books?q=mat&page=2", .viewer), ("/app/books/\(book.id.lowercased)", .viewer),
                    ("/app/import", .editor), ("/app/admin", .admin),
                ]
                for (path, needed) in pages {
                    let anonymous = try await client.execute(uri: path, method: .get) { $0 }
                    #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/app/sign-in", "\(path)")
                    for role in Role.allCases {
                        let (status, html) = try await client.execute(uri: path, method: .get, headers: browsers[role]!.headers) {
                            ($0.status, String(buffer: $0.body))
                        }
                        #expect(status == (role.allows(needed) ? .ok : .forbidden), "\(path) as \(role)")
                        #expect(html.utf8.count < 150_000, "\(path) as \(role) weighs \(html.utf8.count) bytes")
                        #expect(!html.contains("<script>") && !html.contains(" style="), "\(path): no inline script or style")
                        #expect(html.contains("href=\"/app/import\"") == role.allows(.editor), "\(path) as \(role): import link")
                        #expect(html.contains("href=\"/app/admin\"") == (role == .admin), "\(path) as \(role): dashboard link")
                        if role == .viewer, status == .ok {
                            #expect(Self.formActions(html).isEmpty && !html.contains("data-upload"), "\(path): no controls for viewers")
                        }
                    }
                }
                let bookPage = try await client.execute(
                    uri: "/app/books/\(book.id.lowercased)", method: .get, headers: browsers[.editor]!.headers
                ) { String(buffer: $0.body) }
                #expect(bookPage.contains("data-upload=\"/books/\(book.id.lowercased)/photos\"") && bookPage.contains("capture=\"environment\""))
                #expect(bookPage.contains("data-order-url=") && bookPage.contains("draggable=\"true\""))
            }
        }
    }

    @Test("every form's API call: refused to a viewer holding a good token, refused to its own role without the token")
    func formsByRole() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            let book = try await service.runtime.books.create(BookDetails(title: "Forms"))
            try await service.application().test(.router) { client in
                let viewer = try await Self.browser(.viewer, service: service, client: client)
                let editor = try await Self.browser(.editor, service: service, client: client)
                let admin = try await Self.browser(.admin, service: service, client: client)
                _ = try await client.execute(
                    uri: "/books/\(book.id.lowercased)/photos?is_primary=true", method: .post,
                    headers: [.authorization: "Bearer \(service.keys[.editor]!)"],
                    body: ByteBuffer(bytes: try SharedFixtures.bytes("books/fortSolitude.png"))) { _ in }
                var actions: [(HTTPRequest.Method, String, Browser)] = []
                for (path, owner) in [("/app/books", editor), ("/app/books/\(book.id.lowercased)", editor), ("/app/admin", admin)] {
                    let html = try await client.execute(uri: path, method: .get, headers: owner.headers) { String(buffer: $0.body) }
                    actions += Self.formActions(html).map { ($0.0, $0.1, owner) }
                    if let upload = html.firstMatch(of: /data-upload="([^"]+)"/)?.output.1 {
                        actions.append((.post, String(upload), owner))
                    }
                }
                let methods = Set(actions.map(\.0.rawValue))
                #expect(actions.count >= 10 && methods == ["POST", "PUT", "PATCH", "DELETE"], "\(actions.map(\.1))")
                for (method, path, owner) in actions {
                    var asViewer = viewer.headers
                    asViewer[.init("X-CSRF-Token")!] = viewer.token
                    asViewer[.contentType] = "application/json"
                    let refused = try await client.execute(uri: path, method: method, headers: asViewer, body: ByteBuffer(string: "{}")) {
                        $0.status
                    }
                    #expect(refused == .forbidden, "\(method) \(path) as a viewer")
                    var forged = owner.headers
                    forged[.contentType] = "application/json"
                    let code = try await client.execute(uri: path, method: method, headers: forged, body: ByteBuffer(string: "{}")) {
                        response in
                        #expect(response.status == .forbidden, "\(method) \(path) without the token")
                        return String(buffer: response.body)
                    }
                    #expect(code.contains("csrf_failed"), "\(method) \(path): \(code)")
                }
            }
        }
    }

    @Test("the script needs a session; the style sheet does not")
    func scriptNeedsSession() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let anonymous = try await client.execute(uri: "/app/static/app.js", method: .get) { $0.status }
                #expect(anonymous == .unauthorized)
                let style = try await client.execute(uri: "/app/static/app.css", method: .get) { $0.status }
                #expect(style == .ok)
                let viewer = try await Self.browser(.viewer, service: service, client: client)
                let (status, type, script) = try await client.execute(uri: "/app/static/app.js", method: .get, headers: viewer.headers) {
                    ($0.status, $0.headers[.contentType], String(buffer: $0.body))
                }
                #expect(status == .ok && type?.hasPrefix("text/javascript") == true && script.contains("X-CSRF-Token"))
                #expect(!script.contains("innerHTML"), "the script writes text, never markup")
            }
        }
    }
}

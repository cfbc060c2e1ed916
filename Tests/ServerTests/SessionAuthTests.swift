import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Persistence
import TestSupport
import Testing

@Suite("Web sessions as API credentials, anti-forgery tokens, API key administration, security headers", .timeLimit(.minutes(5)))
struct SessionAuthTests {
    /// Signs `role`'s key in directly through the repositories (on PostgreSQL only while the application runs,
    /// which runs its connection pool); returns the cookie secret and the session.
    static func signIn(_ role: Role, service: TestService, lifetime: Duration = .seconds(600)) async throws
        -> (secret: String, session: WebSession)
    {
        let token = try #require(APIKeyToken(service.keys[role]!))
        let key = try #require(try await service.runtime.apiKeys.find(hash: token.hash))
        let (session, secret) = WebSession.begin(for: key, lifetime: lifetime)
        try await service.runtime.sessions.create(session)
        return (secret, session)
    }

    static func cookie(_ secret: String, csrf: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.cookie: "\(SessionCookie.name)=\(secret)"]
        if let csrf { fields[SessionCookie.csrfHeader] = csrf }
        return fields
    }

    @Test("a session reads with its cookie alone; a change needs the session's own token in X-CSRF-Token", arguments: DatabaseEngine.allCases)
    func forgery(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let editor = try await Self.signIn(.editor, service: service)
                let other = try await Self.signIn(.editor, service: service)
                let read = try await client.execute(uri: "/books", method: .get, headers: Self.cookie(editor.secret)) { $0.status }
                #expect(read == .ok)
                let body = json(#"{"title": "From the browser"}"#)
                for csrf in [nil, "", "0", other.session.csrfToken, editor.session.csrfToken + "0"] {
                    let refused = try await client.execute(
                        uri: "/books", method: .post, headers: Self.cookie(editor.secret, csrf: csrf), body: body
                    ) { response in
                        (response.status, try object(response.body)["error"] as? [String: Any])
                    }
                    #expect(refused.0 == .forbidden && refused.1?["code"] as? String == "csrf_failed", "csrf \(csrf ?? "none")")
                }
                let created = try await client.execute(
                    uri: "/books", method: .post, headers: Self.cookie(editor.secret, csrf: editor.session.csrfToken),
                    body: body
                ) { $0.status }
                #expect(created == .created)
                #expect(try await service.runtime.books.list(limit: 10, offset: 0).total == 1)
            }
        }
    }

    @Test("a viewer's session with a good token is still refused changes; unknown and expired sessions are 401")
    func rolesAndExpiry() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            let viewer = try await Self.signIn(.viewer, service: service)
            let expired = try await Self.signIn(.admin, service: service, lifetime: .milliseconds(1))
            try await Task.sleep(for: .milliseconds(20))
            try await service.application(workers: false).test(.router) { client in
                let write = try await client.execute(
                    uri: "/books", method: .post, headers: Self.cookie(viewer.secret, csrf: viewer.session.csrfToken),
                    body: json(#"{"title": "V"}"#)
                ) { $0.status }
                #expect(write == .forbidden)
                for secret in [expired.secret, "not-a-session", String(repeating: "a", count: 10_000)] {
                    let status = try await client.execute(uri: "/books", method: .get, headers: Self.cookie(secret)) { $0.status }
                    #expect(status == .unauthorized)
                }
                let admin = try await client.execute(
                    uri: "/admin/system-info", method: .get, headers: Self.cookie(viewer.secret)
                ) { $0.status }
                #expect(admin == .forbidden)
            }
        }
    }

    @Test("admins list, create and revoke keys; a created key works once shown, a revoked one and its sessions stop", arguments: DatabaseEngine.allCases)
    func keyAdministration(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let created = try await client.execute(
                    uri: "/admin/api-keys", method: .post, headers: service.headers(.admin),
                    body: json(#"{"name": "  shop front  ", "role": "editor"}"#)
                ) { response in
                    #expect(response.status == .created)
                    return try object(response.body)
                }
                let token = try #require(created["token"] as? String)
                let key = try #require(created["key"] as? [String: Any])
                let id = try #require(key["id"] as? String)
                #expect(key["name"] as? String == "shop front" && key["role"] as? String == "editor")
                let listed = try await client.execute(uri: "/admin/api-keys", method: .get, headers: service.headers(.admin)) {
                    response in (String(buffer: response.body), try object(response.body)["items"] as? [[String: Any]] ?? [])
                }
                #expect(listed.1.count == 4 && !listed.0.contains(token) && !listed.0.contains("hash"))
                let newKeyHeaders: HTTPFields = [.authorization: "Bearer \(token)"]
                let works = try await client.execute(uri: "/books", method: .post, headers: newKeyHeaders, body: json(#"{"title": "K"}"#)) { $0.status }
                #expect(works == .created)
                let tokenValue = try #require(APIKeyToken(token))
                let stored = try #require(try await service.runtime.apiKeys.find(hash: tokenValue.hash))
                let (session, secret) = WebSession.begin(for: stored, lifetime: .seconds(600))
                try await service.runtime.sessions.create(session)
                let revoked = try await client.execute(
                    uri: "/admin/api-keys/\(id)", method: .delete, headers: service.headers(.admin)
                ) { response in (response.status, try object(response.body)["revoked_at"] as? String) }
                #expect(revoked.0 == .ok && revoked.1 != nil)
                let afterKey = try await client.execute(uri: "/books", method: .get, headers: newKeyHeaders) { $0.status }
                let afterSession = try await client.execute(uri: "/books", method: .get, headers: Self.cookie(secret)) { $0.status }
                #expect(afterKey == .unauthorized && afterSession == .unauthorized)
                for bad in [#"{"name": "", "role": "editor"}"#, #"{"name": "x", "role": "owner"}"#, "not json", "{}"] {
                    let status = try await client.execute(
                        uri: "/admin/api-keys", method: .post, headers: service.headers(.admin), body: json(bad)
                    ) { $0.status }
                    #expect([400, 422].contains(status.code), "\(bad)")
                }
                let missing = try await client.execute(
                    uri: "/admin/api-keys/\(UUID().uuidString)", method: .delete, headers: service.headers(.admin)
                ) { $0.status }
                #expect(missing == .notFound)
            }
        }
    }

    @Test("every answer, errors included, carries the security headers")
    func securityHeaders() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                for (path, headers) in [("/health/live", HTTPFields()), ("/books", [:]), ("/books", service.headers(.viewer)), ("/nowhere", [:])] {
                    try await client.execute(uri: path, method: .get, headers: headers) { response in
                        let policy = response.headers[.contentSecurityPolicy] ?? ""
                        #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(path)")
                        #expect(!policy.contains("unsafe-inline"))
                        #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(path)")
                        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(path)")
                    }
                }
            }
        }
    }

    @Test("the session cookie is HttpOnly, SameSite=Strict, site-wide and expiring, Secure only behind TLS")
    func cookieAttributes() throws {
        let session = WebSession.begin(
            for: APIKey(id: UUID(), name: "k", role: .viewer, createdAt: .now), lifetime: .seconds(3600)).session
        let plain = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/app/sign-in"),
            body: .init(buffer: ByteBuffer()))
        let proxied = Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "127.0.0.1", path: "/app/sign-in",
                headerFields: [HTTPField.Name("X-Forwarded-Proto")!: "https"]),
            body: .init(buffer: ByteBuffer()))
        let cookie = SessionCookie.set("secret", session: session, request: plain)
        #expect(cookie.httpOnly && cookie.sameSite == .strict && cookie.path == "/" && cookie.maxAge == 3600)
        #expect(!cookie.secure)
        #expect(SessionCookie.set("secret", session: session, request: proxied).secure)
        #expect(SessionCookie.clear(request: plain).maxAge == 0)
    }
}

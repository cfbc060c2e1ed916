import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Web app: sign-in, sessions, the catalogue page, escaping and headers", .timeLimit(.minutes(5)))
struct SignInTests {
    /// The value of the cookie `name` that `response` sets, with its attributes.
    static func setCookie(_ name: String, _ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The value a `Set-Cookie` line gives its cookie.
    static func value(_ line: String) -> String {
        String(line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).last ?? "")
    }

    /// The hidden anti-forgery field of a page.
    static func formToken(_ html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in through the form as `role`; returns the session cookie's value.
    static func signIn(_ role: Role, service: WebTestService, client: some TestClientProtocol) async throws -> String {
        let (cookieValue, token) = try await client.execute(uri: "/app/sign-in", method: .get) { response in
            (Self.value(Self.setCookie(Self.formCookie, response) ?? ""), Self.formToken(String(buffer: response.body)) ?? "")
        }
        var headers = formHeaders
        headers[.cookie] = "\(Self.formCookie)=\(cookieValue)"
        return try await client.execute(
            uri: "/app/sign-in", method: .post, headers: headers,
            body: form(["_csrf": token, "api_key": service.keys[role]!])
        ) { response in
            #expect(response.status == .seeOther && response.headers[.location] == "/app/books")
            return Self.value(Self.setCookie(SessionCookie.name, response) ?? "")
        }
    }

    /// The sign-in form's cookie.
    static let formCookie = "bookplate_sign_in"

    @Test("the form signs in with a valid key only, and only with its own anti-forgery token")
    func signIn() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let (formCookie, token, html) = try await client.execute(uri: "/app/sign-in", method: .get) { response in
                    #expect(response.status == .ok)
                    let cookie = try #require(Self.setCookie(Self.formCookie, response))
                    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                    return (Self.value(cookie), Self.formToken(String(buffer: response.body)) ?? "", String(buffer: response.body))
                }
                #expect(formCookie == token && !token.isEmpty)
                #expect(html.contains(#"<label for="api_key">"#) && html.utf8.count < 150_000)
                var headers = Self.formHeaders
                headers[.cookie] = "\(Self.formCookie)=\(formCookie)"
                let cases: [(String, String?, HTTPResponse.Status)] = [
                    (service.keys[.editor]!, "forged", .forbidden),
                    (service.keys[.editor]!, nil, .forbidden),
                    (APIKeyToken.generate().value, token, .unauthorized),
                    ("<script>alert(1)</script>", token, .unauthorized),
                ]
                for (key, csrf, expected) in cases {
                    var fields = ["api_key": key]
                    if let csrf { fields["_csrf"] = csrf }
                    try await client.execute(uri: "/app/sign-in", method: .post, headers: headers, body: Self.form(fields)) { response in
                        #expect(response.status == expected, "\(key.prefix(10)) \(csrf ?? "none")")
                        #expect(Self.setCookie(SessionCookie.name, response) == nil)
                        #expect(!String(buffer: response.body).contains("<script>alert"))
                    }
                }
                let noCookie = try await client.execute(
                    uri: "/app/sign-in", method: .post, headers: Self.formHeaders,
                    body: Self.form(["_csrf": token, "api_key": service.keys[.editor]!])
                ) { $0.status }
                #expect(noCookie == .forbidden)
                let huge = try await client.execute(
                    uri: "/app/sign-in", method: .post, headers: headers,
                    body: ByteBuffer(string: "api_key=" + String(repeating: "a", count: 100_000))
                ) { $0.status }
                #expect(huge == .badRequest)
                let session = try await Self.signIn(.editor, service: service, client: client)
                #expect(session.count == 64)
                #expect(try await service.runtime.sessions.find(tokenHash: WebSession.hash(secret: session), at: .now) != nil)
            }
        }
    }

    @Test("pages need a session; the catalogue escapes what users typed; sign-out needs the session's token")
    func catalogueAndSignOut() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await WebTestService.make(database: database)
            try await service.application().test(.router) { client in
                let anonymous = try await client.execute(uri: "/app/books", method: .get) { ($0.status, $0.headers[.location]) }
                #expect(anonymous.0 == .seeOther && anonymous.1 == "/app/sign-in")
                let root = try await client.execute(uri: "/", method: .get) { $0.status }
                #expect(root == .found)
                _ = try await service.runtime.books.create(BookDetails(title: "<script>alert('t')</script>", author: "A & B"))
                _ = try await service.runtime.books.create(BookDetails(title: "Dune", author: "Frank Herbert"))
                let session = try await Self.signIn(.viewer, service: service, client: client)
                let cookie: HTTPFields = [.cookie: "\(SessionCookie.name)=\(session)"]
                let html = try await client.execute(uri: "/app/books", method: .get, headers: cookie) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                    #expect(response.headers[.cacheControl] == "no-store")
                    return String(buffer: response.body)
                }
                #expect(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;") && !html.contains("<script>alert"))
                #expect(html.contains("A &amp; B") && html.contains("viewer &lt;b&gt;"))
                #expect(html.contains("2 books"))
                let searched = try await client.execute(uri: "/app/books?q=herbert", method: .get, headers: cookie) {
                    String(buffer: $0.body)
                }
                #expect(searched.contains("Dune") && !searched.contains("alert") && searched.contains("1 books"))
                let twoWords = try await client.execute(uri: "/app/books?q=frank+herbert", method: .get, headers: cookie) {
                    String(buffer: $0.body)
                }
                #expect(twoWords.contains("Dune") && twoWords.contains("1 books"), "a form's + is a space")
                let token = try #require(Self.formToken(html))
                var signOutHeaders = Self.formHeaders
                signOutHeaders[.cookie] = "\(SessionCookie.name)=\(session)"
                let forged = try await client.execute(
                    uri: "/app/sign-out", method: .post, headers: signOutHeaders, body: Self.form(["_csrf": "x"])
                ) { $0.status }
                #expect(forged == .forbidden)
                let out = try await client.execute(
                    uri: "/app/sign-out", method: .post, headers: signOutHeaders, body: Self.form(["_csrf": token])
                ) { response in
                    (response.status, Self.setCookie(SessionCookie.name, response) ?? "")
                }
                #expect(out.0 == .seeOther && out.1.contains("Max-Age=0"))
                let after = try await client.execute(uri: "/app/books", method: .get, headers: cookie) { $0.status }
                #expect(after == .seeOther)
                let css = try await client.execute(uri: "/app/static/app.css", method: .get) { ($0.status, $0.headers[.contentType]) }
                #expect(css.0 == .ok && css.1?.hasPrefix("text/css") == true)
                let missing = try await client.execute(uri: "/app/static/..%2Fsecret", method: .get) { $0.status }
                #expect(missing == .notFound)
            }
        }
    }
}

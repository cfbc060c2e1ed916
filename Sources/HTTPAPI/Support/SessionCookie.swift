import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Persistence

/// The web app's session cookie: its name, how it is set and cleared, and where the anti-forgery token travels.
public enum SessionCookie {
    /// The cookie's name.
    public static let name = "bookplate_session"
    /// The request header a script sends the session's anti-forgery token in.
    public static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// The secret the request's cookie carries, if any.
    public static func secret(of request: Request) -> String? {
        request.cookies[name]?.value
    }

    /// The live session the request's cookie names, with its unrevoked key; nil without a cookie or when the
    /// session has ended.
    public static func session(of request: Request, in sessions: any SessionRepository) async throws
        -> (session: WebSession, key: APIKey)?
    {
        guard let secret = secret(of: request) else { return nil }
        return try await sessions.find(tokenHash: WebSession.hash(secret: secret), at: .now)
    }

    /// The `Set-Cookie` that hands `secret` to the browser: `HttpOnly`, `SameSite=Strict`, the whole site,
    /// expiring with the session, `Secure` when the request came over TLS.
    public static func set(_ secret: String, session: WebSession, request: Request) -> Cookie {
        Cookie(
            name: name, value: secret, maxAge: max(0, Int(session.expiresAt.timeIntervalSince(session.createdAt))),
            path: "/", secure: cameOverTLS(request), httpOnly: true, sameSite: .strict)
    }

    /// The `Set-Cookie` that removes the session cookie.
    public static func clear(request: Request) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: cameOverTLS(request), httpOnly: true, sameSite: .strict)
    }

    /// Whether the browser reached us over TLS: directly, or through a proxy that says so.
    public static func cameOverTLS(_ request: Request) -> Bool {
        if request.uri.scheme == .https { return true }
        if let name = HTTPField.Name("X-Forwarded-Proto"), request.headers[name]?.lowercased() == "https" { return true }
        return false
    }

    /// Whether two secrets are equal, compared in time that does not depend on where they differ.
    public static func matches(_ presented: String?, _ expected: String) -> Bool {
        guard let presented else { return false }
        let a = Array(presented.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Persistence

/// Reads `Authorization: Bearer <key>` (or `X-API-Key`), or else the web app's session cookie, and refuses requests
/// without a valid credential (401) or whose role is below `required` (403). A request that authenticated with the
/// cookie and changes something must carry the session's anti-forgery token in `X-CSRF-Token` (403 otherwise):
/// browsers send cookies with cross-site requests, never that header.
public struct APIKeyAuthenticator: RouterMiddleware {
    /// The role the routes behind this middleware need.
    public let required: Role
    private let keys: any APIKeyRepository
    private let sessions: any SessionRepository

    /// A middleware requiring `required`.
    public init(required: Role, keys: any APIKeyRepository, sessions: any SessionRepository) {
        self.required = required
        self.keys = keys
        self.sessions = sessions
    }

    /// Authenticates, authorises, and passes the request on.
    public func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if context.apiKey == nil {
            if let presented = Self.presentedKey(request) {
                guard let token = APIKeyToken(presented), let key = try await keys.find(hash: token.hash) else {
                    throw APIError(.unauthorized, code: "unauthorized", message: "the API key is not valid")
                }
                context.apiKey = key
            } else if SessionCookie.secret(of: request) != nil {
                guard let (session, key) = try await SessionCookie.session(of: request, in: sessions) else {
                    throw APIError(.unauthorized, code: "unauthorized", message: "the session has ended; sign in again")
                }
                try Self.checkForgery(request, session: session)
                context.apiKey = key
                context.session = session
            } else {
                throw APIError(.unauthorized, code: "unauthorized", message: "an API key is required (Authorization: Bearer KEY)")
            }
            context.logger[metadataKey: "api_key_id"] = "\(context.apiKey?.id.lowercased ?? "")"
        }
        guard let key = context.apiKey, key.role.allows(required) else {
            throw APIError(.forbidden, code: "forbidden", message: "this needs the \(required.rawValue) role")
        }
        return try await next(request, context)
    }

    /// Refuses a changing request of a cookie session that lacks the session's anti-forgery token.
    static func checkForgery(_ request: Request, session: WebSession) throws {
        guard ![.get, .head, .options].contains(request.method) else { return }
        guard SessionCookie.matches(request.headers[SessionCookie.csrfHeader], session.csrfToken) else {
            throw APIError(
                .forbidden, code: "csrf_failed",
                message: "this change needs the session's anti-forgery token in X-CSRF-Token")
        }
    }

    private static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return nil
        }
        if let name = HTTPField.Name("X-API-Key"), let value = request.headers[name] { return value }
        return nil
    }
}

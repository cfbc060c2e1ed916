import Domain
import HTTPTypes
import Hummingbird
import Persistence

/// Reads `Authorization: Bearer <key>` (or `X-API-Key`), looks the key's hash up and refuses requests without a
/// valid key (401) or with a key whose role is below `required` (403).
public struct APIKeyAuthenticator: RouterMiddleware {
    /// The role the routes behind this middleware need.
    public let required: Role
    private let keys: any APIKeyRepository

    /// A middleware requiring `required`.
    public init(required: Role, keys: any APIKeyRepository) {
        self.required = required
        self.keys = keys
    }

    /// Authenticates, authorises, and passes the request on.
    public func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if context.apiKey == nil {
            guard let presented = Self.presentedKey(request) else {
                throw APIError(.unauthorized, code: "unauthorized", message: "an API key is required (Authorization: Bearer KEY)")
            }
            guard let token = APIKeyToken(presented), let key = try await keys.find(hash: token.hash) else {
                throw APIError(.unauthorized, code: "unauthorized", message: "the API key is not valid")
            }
            context.apiKey = key
            context.logger[metadataKey: "api_key_id"] = "\(key.id)"
        }
        guard let key = context.apiKey, key.role.allows(required) else {
            throw APIError(.forbidden, code: "forbidden", message: "this needs the \(required.rawValue) role")
        }
        return try await next(request, context)
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

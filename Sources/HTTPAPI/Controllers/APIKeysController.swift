import Domain
import Foundation
import Hummingbird

/// `/admin/api-keys`: list keys (no secrets), create one (its secret shown once), revoke one.
struct APIKeysController {
    let services: APIServices

    /// The body of a create request.
    struct Input: Decodable {
        var name: String
        var role: Role
    }

    func addRoutes(admin: RouterGroup<AppRequestContext>) {
        admin.get("admin/api-keys", use: list)
        admin.post("admin/api-keys", use: create)
        admin.delete("admin/api-keys/:keyID", use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ListResource(items: try await services.apiKeys.list().map(APIKeyResource.init)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: Input.self)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw APIError.unprocessable("name must have 1 to 100 characters")
        }
        let token = APIKeyToken.generate()
        let key = try await services.apiKeys.create(name: name, role: input.role, token: token)
        return try JSONResponse.make(CreatedAPIKeyResource(key: APIKeyResource(key), token: token.value), status: .created)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.uuid("keyID")
        guard let key = try await services.apiKeys.revoke(id) else { throw APIError.notFound("no API key \(id)") }
        return try JSONResponse.make(APIKeyResource(key))
    }
}

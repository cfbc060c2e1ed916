import Domain
import Foundation

/// An API key as the admin endpoints show it: never its secret.
struct APIKeyResource: Codable, Sendable {
    var id: String
    var name: String
    var role: Role
    var createdAt: Date
    var revokedAt: Date?

    init(_ key: APIKey) {
        id = key.id.lowercased
        name = key.name
        role = key.role
        createdAt = key.createdAt
        revokedAt = key.revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

/// The answer to creating a key: the key and its secret, shown this once.
struct CreatedAPIKeyResource: Codable, Sendable {
    var key: APIKeyResource
    var token: String
}

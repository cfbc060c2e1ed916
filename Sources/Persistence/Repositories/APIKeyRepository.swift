import Domain
import Foundation

/// Stores API keys by the hash of their token.
public protocol APIKeyRepository: Sendable {
    /// Stores a key for `token` with `role`.
    func create(name: String, role: Role, token: APIKeyToken) async throws -> APIKey
    /// The unrevoked key whose token hashes to `hash`, if any.
    func find(hash: String) async throws -> APIKey?
    /// Every key, revoked ones included, oldest first; never their secrets.
    func list() async throws -> [APIKey]
    /// Revokes the key with `id` and ends its web sessions; nil when there is no such key.
    func revoke(_ id: UUID) async throws -> APIKey?
}

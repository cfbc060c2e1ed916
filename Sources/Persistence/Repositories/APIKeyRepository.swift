import Domain
import Foundation

/// Stores API keys by the hash of their token.
public protocol APIKeyRepository: Sendable {
    /// Stores a key for `token` with `role`.
    func create(name: String, role: Role, token: APIKeyToken) async throws -> APIKey
    /// The key whose token hashes to `hash`, if any.
    func find(hash: String) async throws -> APIKey?
}

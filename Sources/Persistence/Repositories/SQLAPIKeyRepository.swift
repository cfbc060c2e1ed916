import Domain
import Foundation

/// ``APIKeyRepository`` in SQL that runs on SQLite and PostgreSQL alike.
public struct SQLAPIKeyRepository: APIKeyRepository {
    private let database: any Database

    /// A repository over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// Stores a key for `token`; only its hash is written.
    public func create(name: String, role: Role, token: APIKeyToken) async throws -> APIKey {
        let key = APIKey(id: UUID(), name: name, role: role, createdAt: .now)
        try await database.query(
            """
            INSERT INTO api_keys (id, name, role, key_hash, created_at)
            VALUES (\(bind: key.id), \(bind: name), \(bind: role), \(bind: token.hash), \(bind: key.createdAt))
            """)
        return key
    }

    /// The key whose token hashes to `hash`.
    public func find(hash: String) async throws -> APIKey? {
        guard let row = try await database.query(
            "SELECT id, name, role, created_at FROM api_keys WHERE key_hash = \(bind: hash)"
        ).first else { return nil }
        return APIKey(
            id: try row.uuid("id"), name: try row.string("name"), role: try row.enumeration("role", as: Role.self),
            createdAt: try row.date("created_at"))
    }
}

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

    /// The unrevoked key whose token hashes to `hash`.
    public func find(hash: String) async throws -> APIKey? {
        try await database.query(
            "SELECT \(sql: APIKey.columns) FROM api_keys WHERE key_hash = \(bind: hash) AND revoked_at IS NULL"
        ).first.map(APIKey.init)
    }

    /// Every key, oldest first.
    public func list() async throws -> [APIKey] {
        try await database.query("SELECT \(sql: APIKey.columns) FROM api_keys ORDER BY created_at, id").map(APIKey.init)
    }

    /// Marks the key revoked (once; a second revocation keeps the first time) and deletes its sessions.
    public func revoke(_ id: UUID) async throws -> APIKey? {
        try await database.transaction { executor in
            try await executor.query(
                "UPDATE api_keys SET revoked_at = \(bind: Date.now) WHERE id = \(bind: id) AND revoked_at IS NULL")
            try await executor.query("DELETE FROM web_sessions WHERE api_key_id = \(bind: id)")
            return try await executor.query("SELECT \(sql: APIKey.columns) FROM api_keys WHERE id = \(bind: id)")
                .first.map(APIKey.init)
        }
    }
}

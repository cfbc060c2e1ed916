import Domain
import Foundation

/// ``SessionRepository`` in SQL that runs on SQLite and PostgreSQL alike.
public struct SQLSessionRepository: SessionRepository {
    private let database: any Database

    /// A repository over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// Stores a new session.
    public func create(_ session: WebSession) async throws {
        try await database.query(
            """
            INSERT INTO web_sessions (token_hash, api_key_id, csrf_token, created_at, expires_at)
            VALUES (\(bind: session.tokenHash), \(bind: session.apiKeyID), \(bind: session.csrfToken),
                \(bind: session.createdAt), \(bind: session.expiresAt))
            """)
    }

    /// The live session under `tokenHash` and its unrevoked key.
    public func find(tokenHash: String, at now: Date) async throws -> (session: WebSession, key: APIKey)? {
        guard let row = try await database.query(
            """
            SELECT s.token_hash, s.api_key_id, s.csrf_token, s.created_at AS session_created, s.expires_at,
                k.id, k.name, k.role, k.created_at, k.revoked_at
            FROM web_sessions s JOIN api_keys k ON k.id = s.api_key_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now) AND k.revoked_at IS NULL
            """
        ).first else { return nil }
        let session = WebSession(
            tokenHash: try row.string("token_hash"), apiKeyID: try row.uuid("api_key_id"),
            csrfToken: try row.string("csrf_token"), createdAt: try row.date("session_created"),
            expiresAt: try row.date("expires_at"))
        return (session, try APIKey(row: row))
    }

    /// Deletes the session under `tokenHash`.
    public func delete(tokenHash: String) async throws -> Bool {
        try await database.transaction { executor in
            let found = try await executor.query(
                "SELECT token_hash FROM web_sessions WHERE token_hash = \(bind: tokenHash)")
            try await executor.query("DELETE FROM web_sessions WHERE token_hash = \(bind: tokenHash)")
            return !found.isEmpty
        }
    }

    /// Deletes expired sessions.
    public func deleteExpired(at now: Date) async throws -> Int {
        try await database.transaction { executor in
            let expired = try await executor.query(
                "SELECT COUNT(*) AS total FROM web_sessions WHERE expires_at <= \(bind: now)")
            try await executor.query("DELETE FROM web_sessions WHERE expires_at <= \(bind: now)")
            return try expired.first?.int("total") ?? 0
        }
    }
}

import Domain
import Foundation

/// Stores web sessions by the hash of their cookie's secret.
public protocol SessionRepository: Sendable {
    /// Stores a new session.
    func create(_ session: WebSession) async throws
    /// The session stored under `tokenHash` with its key, when it has not expired at `now` and its key is not
    /// revoked.
    func find(tokenHash: String, at now: Date) async throws -> (session: WebSession, key: APIKey)?
    /// Ends the session stored under `tokenHash` (signing out); false when there was none.
    func delete(tokenHash: String) async throws -> Bool
    /// Deletes the sessions that expired before `now`; returns how many.
    func deleteExpired(at now: Date) async throws -> Int
}

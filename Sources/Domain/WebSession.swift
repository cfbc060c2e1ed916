import Crypto
import Foundation

/// A signed-in browser: the API key it signed in with, the token that protects its changes from cross-site
/// requests, and when it ends. The cookie's secret is stored only as a hash.
public struct WebSession: Sendable, Equatable {
    /// SHA-256 of the cookie's secret, hex.
    public var tokenHash: String
    /// The key the session acts as.
    public var apiKeyID: UUID
    /// The anti-forgery token every changing request of this session must carry.
    public var csrfToken: String
    /// When the session began.
    public var createdAt: Date
    /// When it ends.
    public var expiresAt: Date

    /// A session from its parts.
    public init(tokenHash: String, apiKeyID: UUID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.apiKeyID = apiKeyID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// A new session for `key` lasting `lifetime`, with the cookie secret the browser is to hold.
    public static func begin(for key: APIKey, lifetime: Duration, now: Date = .now) -> (session: WebSession, secret: String) {
        let secret = RandomHex.make(bytes: 32)
        let session = WebSession(
            tokenHash: hash(secret: secret), apiKeyID: key.id, csrfToken: RandomHex.make(bytes: 32), createdAt: now,
            expiresAt: now.adding(lifetime))
        return (session, secret)
    }

    /// The stored form of a cookie secret.
    public static func hash(secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).hex
    }
}

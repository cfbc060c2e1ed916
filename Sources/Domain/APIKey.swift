import Foundation

/// A stored API key: its role and name; the secret itself is kept only as a hash.
public struct APIKey: Sendable, Codable, Equatable {
    /// Stable identifier; also the key's visible prefix.
    public var id: UUID
    /// A name for people.
    public var name: String
    /// What the key may do.
    public var role: Role
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked; a revoked key authenticates nothing, and its web sessions end with it.
    public var revokedAt: Date?

    /// A key record from its parts.
    public init(id: UUID, name: String, role: Role, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

import Foundation

/// A catalogued book: the bibliographic fields a seller records, and when the record changed.
public struct Book: Sendable, Codable, Equatable {
    /// Stable identifier.
    public var id: UUID
    /// The fields a user sets.
    public var details: BookDetails
    /// When the book was created.
    public var createdAt: Date
    /// When the book last changed.
    public var updatedAt: Date

    /// A book from its parts.
    public init(id: UUID, details: BookDetails, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.details = details
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

import Domain
import Foundation

/// Stores book photos and their order.
public protocol PhotoRepository: Sendable {
    /// Adds a photo at the end of its book's order (first and primary when `asPrimary` or when it is the first).
    /// When the book already has a photo with the same SHA-256, nothing is written and that photo is returned.
    func add(_ photo: BookPhoto, asPrimary: Bool) async throws -> PhotoAddition
    /// The photo `id` of book `bookID`, if any.
    func find(_ id: UUID, bookID: UUID) async throws -> BookPhoto?
    /// The book's photos in display order.
    func list(bookID: UUID) async throws -> [BookPhoto]
    /// The primary photo of each of `bookIDs` that has one, in one query (a catalogue page's thumbnails).
    func primaries(bookIDs: [UUID]) async throws -> [UUID: BookPhoto]
    /// Changes a photo's caption and type; nil when there is no such photo.
    func update(_ id: UUID, bookID: UUID, caption: String?, imageType: ImageType?) async throws -> BookPhoto?
    /// Deletes a photo and closes the gap in the order; the deleted photo, or nil when there was none.
    func delete(_ id: UUID, bookID: UUID) async throws -> BookPhoto?
    /// Puts the listed photos first, in that order, the first one primary; returns the new order.
    func reorder(bookID: UUID, photoIDs: [UUID]) async throws -> [BookPhoto]
    /// Stores a processed photo as the primary one, moves the source photo to the end and completes the claim's
    /// job, in one transaction; throws ``JobClaimLost``, recording nothing, when the claim no longer holds the job.
    func addProcessed(
        _ photo: BookPhoto, source: UUID, completing claim: JobClaim, summary: ProcessingSummary
    ) async throws -> BookPhoto
}

/// What ``PhotoRepository/add(_:asPrimary:)`` did.
public struct PhotoAddition: Sendable {
    /// The stored photo: the new one, or the earlier one with the same content.
    public var photo: BookPhoto
    /// False when the content was already stored for the book.
    public var created: Bool
}

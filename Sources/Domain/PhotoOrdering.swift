import Foundation

/// The display order after processing (DESIGN.md §4): the new photo first and primary, the others after it in
/// their old order with none primary, the source photo last.
public enum PhotoOrdering {
    /// One photo's new place.
    public struct Placement: Sendable, Equatable {
        /// The photo.
        public var photoID: UUID
        /// Its new position.
        public var displayOrder: Int
        /// Whether it is primary.
        public var isPrimary: Bool
    }

    /// Placements for every photo of the book, `processed` included.
    public static func afterProcessing(existing: [BookPhoto], processed: UUID, source: UUID) -> [Placement] {
        let others = existing
            .filter { $0.id != processed && $0.id != source }
            .sorted { ($0.displayOrder, $0.createdAt) < ($1.displayOrder, $1.createdAt) }
            .map(\.id)
        let order = [processed] + others + (existing.contains { $0.id == source } ? [source] : [])
        return order.enumerated().map { index, id in
            Placement(photoID: id, displayOrder: index, isPrimary: index == 0)
        }
    }

    /// Placements after a client reorders: the listed photos first in the given order, any others after them in
    /// their old order; the first is primary.
    public static func reordered(existing: [BookPhoto], requested: [UUID]) -> [Placement] {
        let known = Set(existing.map(\.id))
        var seen = Set<UUID>()
        let listed = requested.filter { known.contains($0) && seen.insert($0).inserted }
        let rest = existing
            .filter { !seen.contains($0.id) }
            .sorted { ($0.displayOrder, $0.createdAt) < ($1.displayOrder, $1.createdAt) }
            .map(\.id)
        return (listed + rest).enumerated().map { index, id in
            Placement(photoID: id, displayOrder: index, isPrimary: index == 0)
        }
    }
}

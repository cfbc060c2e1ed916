import Foundation

/// Which of a book's photos a job processes (DESIGN.md §4): among photos not yet background-processed, the first
/// by type priority, then the primary one, then the requested one, then the first remaining; when every photo is
/// processed, the requested one. A photo is background-processed when it is a processed result or the source of
/// one: else a processed title page would be chosen again for every later job of its book, and a reorder that
/// makes the cover primary would end with the title page's result primary once more.
public enum SourcePhotoChoice {
    /// The photo to process, or nil when the book has none (or the requested one is gone and all are processed).
    public static func choose(
        from photos: [BookPhoto], requested: UUID, priority: [ImageType] = ImageType.processingPriority
    ) -> BookPhoto? {
        let ordered = photos.sorted { ($0.displayOrder, $0.createdAt) < ($1.displayOrder, $1.createdAt) }
        let processedSources = Set(photos.compactMap { $0.isBackgroundProcessed ? $0.sourcePhotoID : nil })
        let remaining = ordered.filter { !$0.isBackgroundProcessed && !processedSources.contains($0.id) }
        guard !remaining.isEmpty else { return ordered.first { $0.id == requested } }
        for type in priority {
            if let photo = remaining.first(where: { $0.imageType == type }) { return photo }
        }
        return remaining.first(where: \.isPrimary)
            ?? remaining.first(where: { $0.id == requested })
            ?? remaining.first
    }
}

import Domain
import Foundation
import Testing

@Suite("Photo ordering")
struct PhotoOrderingTests {
    private func photo(order: Int, primary: Bool = false) -> BookPhoto {
        BookPhoto(
            id: UUID(), bookID: UUID(), objectKey: "k", thumbnailKey: nil, contentType: "image/jpeg", sha256: "s",
            width: 1, height: 1, byteSize: 1, imageType: nil, caption: nil, isPrimary: primary, displayOrder: order,
            isBackgroundProcessed: false, sourcePhotoID: nil, createdAt: .now)
    }

    @Test("after processing: new photo first and primary, others 1…n not primary, source last")
    func afterProcessing() {
        let a = photo(order: 0, primary: true)
        let source = photo(order: 1)
        let c = photo(order: 2)
        let processed = photo(order: 3)
        let placements = PhotoOrdering.afterProcessing(
            existing: [a, source, c, processed], processed: processed.id, source: source.id)
        #expect(placements.map(\.photoID) == [processed.id, a.id, c.id, source.id])
        #expect(placements.map(\.displayOrder) == [0, 1, 2, 3])
        #expect(placements.map(\.isPrimary) == [true, false, false, false])
    }

    @Test("reorder: listed first in the given order, the rest after, first is primary, unknown ids ignored")
    func reordered() {
        let a = photo(order: 0, primary: true)
        let b = photo(order: 1)
        let c = photo(order: 2)
        let placements = PhotoOrdering.reordered(existing: [a, b, c], requested: [c.id, UUID(), c.id])
        #expect(placements.map(\.photoID) == [c.id, a.id, b.id])
        #expect(placements.map(\.isPrimary) == [true, false, false])
    }
}

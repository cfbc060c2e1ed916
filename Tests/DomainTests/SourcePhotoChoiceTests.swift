import Domain
import Foundation
import Testing

@Suite("Source photo choice (DESIGN.md §4)")
struct SourcePhotoChoiceTests {
    private func photo(
        _ type: ImageType?, order: Int, primary: Bool = false, processed: Bool = false, source: UUID? = nil
    ) -> BookPhoto {
        BookPhoto(
            id: UUID(), bookID: UUID(), objectKey: "k", thumbnailKey: nil, contentType: "image/jpeg",
            sha256: UUID().uuidString, width: 10, height: 10, byteSize: 1, imageType: type, caption: nil,
            isPrimary: primary, displayOrder: order, isBackgroundProcessed: processed, sourcePhotoID: source,
            createdAt: Date(timeIntervalSince1970: Double(order)))
    }

    @Test("each type in priority order beats the next, the primary and the requested photo")
    func typePriority() {
        let spine = photo(.spine, order: 0, primary: true)
        let cover = photo(.cover, order: 1)
        let binding = photo(.binding, order: 2)
        let title = photo(.titlePage, order: 3)
        let detail = photo(.detail, order: 4)
        var photos = [spine, cover, binding, title, detail]
        #expect(SourcePhotoChoice.choose(from: photos, requested: detail.id)?.id == title.id)
        photos.removeAll { $0.id == title.id }
        #expect(SourcePhotoChoice.choose(from: photos, requested: detail.id)?.id == binding.id)
        photos.removeAll { $0.id == binding.id }
        #expect(SourcePhotoChoice.choose(from: photos, requested: detail.id)?.id == cover.id)
        photos.removeAll { $0.id == cover.id }
        #expect(SourcePhotoChoice.choose(from: photos, requested: detail.id)?.id == spine.id)
    }

    @Test("without typed photos: the primary, then the requested, then the first remaining")
    func untypedFallbacks() {
        let first = photo(nil, order: 0)
        let requested = photo(.detail, order: 1)
        let primary = photo(.other, order: 2, primary: true)
        #expect(SourcePhotoChoice.choose(from: [first, requested, primary], requested: requested.id)?.id == primary.id)
        #expect(SourcePhotoChoice.choose(from: [first, requested], requested: requested.id)?.id == requested.id)
        #expect(SourcePhotoChoice.choose(from: [requested, first], requested: UUID())?.id == first.id)
    }

    @Test("processed photos are never chosen while an unprocessed one remains")
    func skipsProcessed() {
        let processedTitle = photo(.titlePage, order: 0, primary: true, processed: true)
        let plain = photo(nil, order: 1)
        #expect(SourcePhotoChoice.choose(from: [processedTitle, plain], requested: processedTitle.id)?.id == plain.id)
    }

    /// The worker moves a processed photo's source to the end and leaves it unmarked: the source of a result is
    /// processed too.
    @Test("a photo with a processed copy is not chosen again: a reorder's new primary cover is")
    func sourceOfAResult() {
        let title = photo(.titlePage, order: 2)
        let result = photo(nil, order: 1, processed: true, source: title.id)
        let cover = photo(.cover, order: 0, primary: true)
        #expect(SourcePhotoChoice.choose(from: [cover, result, title], requested: cover.id)?.id == cover.id)
        let coverResult = photo(nil, order: 0, primary: true, processed: true, source: cover.id)
        #expect(
            SourcePhotoChoice.choose(from: [coverResult, result, cover, title], requested: cover.id)?.id == cover.id,
            "every photo processed: the requested one")
    }

    @Test("when every photo is processed, the requested one")
    func allProcessed() {
        let a = photo(.titlePage, order: 0, primary: true, processed: true)
        let b = photo(.cover, order: 1, processed: true)
        #expect(SourcePhotoChoice.choose(from: [a, b], requested: b.id)?.id == b.id)
        #expect(SourcePhotoChoice.choose(from: [a, b], requested: UUID()) == nil)
    }

    @Test("a book without photos has no source")
    func empty() {
        #expect(SourcePhotoChoice.choose(from: [], requested: UUID()) == nil)
    }
}

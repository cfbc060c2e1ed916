import Crypto
import Domain
import Foundation
import ImagePipeline
import ObjectStorage
import Persistence

/// Stores a new original photo of a book: checks it is an image (header first, so decompression bombs are refused
/// before decoding; photos over the processing limits are kept, and the worker refuses them with its reason),
/// makes its thumbnail, writes both files and records the photo, de-duplicated by
/// SHA-256 per book. Nothing is left behind when any step fails.
public struct PhotoIntake: Sendable {
    private let photos: any PhotoRepository
    private let store: any ObjectStore
    private let limits: ImageLimits
    private let thumbnailSide: Int
    private let thumbnailQuality: Int

    /// An intake writing to `store` and `photos`; `limits` bound the file size and refuse decompression bombs.
    public init(
        photos: any PhotoRepository, store: any ObjectStore, limits: ImageLimits, thumbnailSide: Int = 300,
        thumbnailQuality: Int = 85
    ) {
        self.photos = photos
        self.store = store
        self.limits = limits
        self.thumbnailSide = thumbnailSide
        self.thumbnailQuality = thumbnailQuality
    }

    /// What a photo is, besides its bytes.
    public struct Details: Sendable {
        /// What it shows.
        public var imageType: ImageType?
        /// A caption.
        public var caption: String?
        /// Whether it should become the primary photo.
        public var asPrimary: Bool

        /// Details from their parts.
        public init(imageType: ImageType? = nil, caption: String? = nil, asPrimary: Bool = false) {
            self.imageType = imageType
            self.caption = caption
            self.asPrimary = asPrimary
        }
    }

    /// Stores `bytes` as a photo of `bookID`; throws ``ImageError`` for anything that is not an acceptable image.
    public func store(_ bytes: [UInt8], bookID: UUID, details: Details) async throws -> PhotoAddition {
        let limits = self.limits
        let side = thumbnailSide
        let quality = thumbnailQuality
        let prepared = await BlockingWork.run(in: .brief) { () -> Result<Prepared, ImageError> in
            Result { () throws(ImageError) in try Self.prepare(bytes, limits: limits, side: side, quality: quality) }
        }
        let image = try prepared.get()
        let photoID = UUID()
        let key = try PhotoKeys.original(bookID: bookID, photoID: photoID, fileExtension: image.format.fileExtension)
        let thumbnailKey = try PhotoKeys.thumbnail(bookID: bookID, photoID: photoID)
        try await store.put(bytes, at: key, contentType: image.format.mediaType)
        do {
            try await store.put(image.thumbnail, at: thumbnailKey, contentType: "image/jpeg")
            let photo = BookPhoto(
                id: photoID, bookID: bookID, objectKey: key.value, thumbnailKey: thumbnailKey.value,
                contentType: image.format.mediaType, sha256: SHA256.hash(data: bytes).hex, width: image.width,
                height: image.height, byteSize: bytes.count, imageType: details.imageType, caption: details.caption,
                isPrimary: details.asPrimary, displayOrder: 0, isBackgroundProcessed: false, sourcePhotoID: nil,
                createdAt: .now)
            let addition = try await photos.add(photo, asPrimary: details.asPrimary)
            if !addition.created { try await removeFiles(key, thumbnailKey) }
            return addition
        } catch {
            try? await removeFiles(key, thumbnailKey)
            throw error
        }
    }

    private func removeFiles(_ keys: ObjectKey...) async throws {
        for key in keys { try await store.delete(key) }
    }

    private struct Prepared: Sendable {
        var format: SourceFormat
        var width: Int
        var height: Int
        var thumbnail: [UInt8]
    }

    private static func prepare(_ bytes: [UInt8], limits: ImageLimits, side: Int, quality: Int) throws(ImageError)
        -> Prepared
    {
        let header = try ImageHeader.read(bytes)
        guard let format = SourceFormat(loader: header.loader) else { throw .unrecognisedFormat }
        var shrinking = limits
        shrinking.oversize = .shrink
        let decoded = try ImageDecoder(limits: shrinking).decode(bytes)
        let upright = header.orientation >= 5 ? (header.height, header.width) : (header.width, header.height)
        let thumbnail = try ImageEncoder(quality: quality).thumbnail(decoded.image, fitting: side, as: .jpeg)
        return Prepared(format: format, width: upright.0, height: upright.1, thumbnail: thumbnail)
    }
}

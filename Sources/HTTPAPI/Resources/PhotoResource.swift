import Domain
import Foundation

/// A book photo as the API shows it, with the addresses of its file and thumbnail.
struct PhotoResource: Codable, Sendable {
    var id: String
    var bookID: String
    var contentType: String
    var sha256: String
    var width: Int
    var height: Int
    var byteSize: Int
    var imageType: ImageType?
    var caption: String?
    var isPrimary: Bool
    var displayOrder: Int
    var isBackgroundProcessed: Bool
    var sourcePhotoID: String?
    var fileURL: String
    var thumbnailURL: String?
    var createdAt: Date

    init(_ photo: BookPhoto) {
        id = photo.id.lowercased
        bookID = photo.bookID.lowercased
        contentType = photo.contentType
        sha256 = photo.sha256
        width = photo.width
        height = photo.height
        byteSize = photo.byteSize
        imageType = photo.imageType
        caption = photo.caption
        isPrimary = photo.isPrimary
        displayOrder = photo.displayOrder
        isBackgroundProcessed = photo.isBackgroundProcessed
        sourcePhotoID = photo.sourcePhotoID?.lowercased
        let base = "/books/\(photo.bookID.lowercased)/photos/\(photo.id.lowercased)"
        fileURL = base + "/file"
        thumbnailURL = photo.thumbnailKey == nil ? nil : base + "/thumbnail"
        createdAt = photo.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, sha256, width, height, caption
        case bookID = "book_id"
        case contentType = "content_type"
        case byteSize = "byte_size"
        case imageType = "image_type"
        case isPrimary = "is_primary"
        case displayOrder = "display_order"
        case isBackgroundProcessed = "is_background_processed"
        case sourcePhotoID = "source_photo_id"
        case fileURL = "file_url"
        case thumbnailURL = "thumbnail_url"
        case createdAt = "created_at"
    }
}

/// The fields of a photo a client may change.
struct PhotoUpdate: Codable, Sendable {
    var caption: String?
    var imageType: ImageType?

    enum CodingKeys: String, CodingKey {
        case caption
        case imageType = "image_type"
    }
}

/// A new photo order.
struct PhotoOrder: Codable, Sendable {
    var photoIDs: [UUID]

    enum CodingKeys: String, CodingKey {
        case photoIDs = "photo_ids"
    }
}

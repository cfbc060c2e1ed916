import Foundation

/// One photo of a book as stored: where its bytes are, what it shows and where it stands in the book's order.
public struct BookPhoto: Sendable, Codable, Equatable {
    /// Stable identifier.
    public var id: UUID
    /// The book it belongs to.
    public var bookID: UUID
    /// Object-store key of the photo's bytes.
    public var objectKey: String
    /// Object-store key of its JPEG thumbnail.
    public var thumbnailKey: String?
    /// MIME type of the stored bytes.
    public var contentType: String
    /// SHA-256 of the stored bytes, hex; unique per book.
    public var sha256: String
    /// Width in pixels, upright.
    public var width: Int
    /// Height in pixels, upright.
    public var height: Int
    /// Size of the stored bytes.
    public var byteSize: Int
    /// What the photo shows, when known.
    public var imageType: ImageType?
    /// A caption for display.
    public var caption: String?
    /// Whether this is the book's primary photo.
    public var isPrimary: Bool
    /// Position in the book's photo order, from 0.
    public var displayOrder: Int
    /// Whether this photo is the output of background removal.
    public var isBackgroundProcessed: Bool
    /// For a processed photo: the photo it was made from.
    public var sourcePhotoID: UUID?
    /// When it was stored.
    public var createdAt: Date

    /// A photo from its parts.
    public init(
        id: UUID, bookID: UUID, objectKey: String, thumbnailKey: String?, contentType: String, sha256: String,
        width: Int, height: Int, byteSize: Int, imageType: ImageType?, caption: String?, isPrimary: Bool,
        displayOrder: Int, isBackgroundProcessed: Bool, sourcePhotoID: UUID?, createdAt: Date
    ) {
        self.id = id
        self.bookID = bookID
        self.objectKey = objectKey
        self.thumbnailKey = thumbnailKey
        self.contentType = contentType
        self.sha256 = sha256
        self.width = width
        self.height = height
        self.byteSize = byteSize
        self.imageType = imageType
        self.caption = caption
        self.isPrimary = isPrimary
        self.displayOrder = displayOrder
        self.isBackgroundProcessed = isBackgroundProcessed
        self.sourcePhotoID = sourcePhotoID
        self.createdAt = createdAt
    }
}

extension BookPhoto {
    /// The longest caption, in characters.
    public static let maximumCaptionLength = 1000

    /// Checks a caption a client sent.
    public static func validate(caption: String?) throws(ValidationError) {
        if let caption, caption.count > maximumCaptionLength {
            throw ValidationError(field: "caption", message: "must be at most \(maximumCaptionLength) characters")
        }
    }
}

import Foundation
import ObjectStorage

/// Object-store keys of a book's photos: `books/<book>/<kind>/<photo>.<ext>`.
public enum PhotoKeys {
    /// An uploaded or imported original.
    public static func original(bookID: UUID, photoID: UUID, fileExtension: String) throws(ObjectStoreError)
        -> ObjectKey
    {
        try ObjectKey("books/\(bookID.lower)/originals/\(photoID.lower).\(fileExtension)")
    }

    /// A processed (background-removed) photo.
    public static func processed(bookID: UUID, photoID: UUID, fileExtension: String) throws(ObjectStoreError)
        -> ObjectKey
    {
        try ObjectKey("books/\(bookID.lower)/processed/\(photoID.lower).\(fileExtension)")
    }

    /// A photo's JPEG thumbnail.
    public static func thumbnail(bookID: UUID, photoID: UUID) throws(ObjectStoreError) -> ObjectKey {
        try ObjectKey("books/\(bookID.lower)/thumbnails/\(photoID.lower).jpg")
    }
}

extension UUID {
    /// The identifier in lower case, as keys and the database write it.
    var lower: String { uuidString.lowercased() }
}

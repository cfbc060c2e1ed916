import Domain
import Foundation
import ObjectStorage

/// Object-store keys of a book's photos: `books/<book>/<kind>/<photo>.<ext>`.
public enum PhotoKeys {
    /// An uploaded or imported original.
    public static func original(bookID: UUID, photoID: UUID, fileExtension: String) throws(ObjectStoreError)
        -> ObjectKey
    {
        try ObjectKey("books/\(bookID.lowercased)/originals/\(photoID.lowercased).\(fileExtension)")
    }

    /// A processed (background-removed) photo.
    public static func processed(bookID: UUID, photoID: UUID, fileExtension: String) throws(ObjectStoreError)
        -> ObjectKey
    {
        try ObjectKey("books/\(bookID.lowercased)/processed/\(photoID.lowercased).\(fileExtension)")
    }

    /// A photo's JPEG thumbnail.
    public static func thumbnail(bookID: UUID, photoID: UUID) throws(ObjectStoreError) -> ObjectKey {
        try ObjectKey("books/\(bookID.lowercased)/thumbnails/\(photoID.lowercased).jpg")
    }
}

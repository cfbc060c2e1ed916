import Domain
import Foundation
import Persistence

/// Records for repository tests.
enum RepositoryFixtures {
    static func photo(bookID: UUID, sha: String = UUID().uuidString, type: ImageType? = nil) -> BookPhoto {
        BookPhoto(
            id: UUID(), bookID: bookID, objectKey: "books/\(bookID)/originals/\(sha).jpg", thumbnailKey: nil,
            contentType: "image/jpeg", sha256: sha, width: 640, height: 480, byteSize: 1234, imageType: type,
            caption: "a caption", isPrimary: false, displayOrder: 0, isBackgroundProcessed: false,
            sourcePhotoID: nil, createdAt: .now)
    }
}

import Domain
import Foundation

extension APIServices {
    /// The book `id`, or a 404 naming it.
    func existingBook(_ id: UUID) async throws -> Book {
        guard let book = try await books.find(id) else { throw APIError.notFound("no book \(id)") }
        return book
    }

    /// The photo `photoID` of book `bookID`, or a 404 naming both.
    func existingPhoto(_ photoID: UUID, bookID: UUID) async throws -> BookPhoto {
        guard let photo = try await photos.find(photoID, bookID: bookID) else {
            throw APIError.notFound("no photo \(photoID) in book \(bookID)")
        }
        return photo
    }
}

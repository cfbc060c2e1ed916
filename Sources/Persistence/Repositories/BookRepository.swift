import Domain
import Foundation

/// Stores books.
public protocol BookRepository: Sendable {
    /// Stores a new book.
    func create(_ details: BookDetails) async throws -> Book
    /// The book with `id`, if any.
    func find(_ id: UUID) async throws -> Book?
    /// Books, newest first.
    func list(limit: Int, offset: Int) async throws -> Page<Book>
    /// Books whose title or author contains `text` (case-insensitive for ASCII letters), newest first.
    func search(_ text: String, limit: Int, offset: Int) async throws -> Page<Book>
    /// Replaces a book's details; nil when there is no such book.
    func update(_ id: UUID, with details: BookDetails) async throws -> Book?
    /// Deletes a book with its photos and jobs; false when there was none.
    func delete(_ id: UUID) async throws -> Bool
}

import Domain
import Foundation

/// ``BookRepository`` in SQL that runs on SQLite and PostgreSQL alike.
public struct SQLBookRepository: BookRepository {
    private let database: any Database

    /// A repository over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// Stores a new book.
    public func create(_ details: BookDetails) async throws -> Book {
        let now = Date.now
        let book = Book(id: UUID(), details: details, createdAt: now, updatedAt: now)
        try await database.query(
            """
            INSERT INTO books (\(sql: Book.columns), search_text) VALUES (\(bind: book.id), \(bind: details.title),
                \(bind: details.author), \(bind: details.isbn), \(bind: details.publisher),
                \(bind: details.publicationYear), \(bind: details.description), \(bind: details.priceCents),
                \(bind: details.currency), \(bind: now), \(bind: now), \(bind: BookSearchText.of(details)))
            """)
        return try await find(book.id) ?? book
    }

    /// The book with `id`, if any.
    public func find(_ id: UUID) async throws -> Book? {
        try await database.query("SELECT \(sql: Book.columns) FROM books WHERE id = \(bind: id)").first.map(Book.init)
    }

    /// Books, newest first.
    public func list(limit: Int, offset: Int) async throws -> Page<Book> {
        let rows = try await database.query(
            "SELECT \(sql: Book.columns) FROM books ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)"
        )
        let total = try await database.query("SELECT COUNT(*) AS total FROM books").first?.int("total") ?? 0
        return Page(items: try rows.map(Book.init), limit: limit, offset: offset, total: total)
    }

    /// Books whose title or author contains `text`, whatever the case and accents (`BookSearchText`); `%`, `_` and
    /// backslashes in it match themselves.
    public func search(_ text: String, limit: Int, offset: Int) async throws -> Page<Book> {
        let escaped = BookSearchText.folded(text).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        let rows = try await database.query(
            """
            SELECT \(sql: Book.columns) FROM books
            WHERE search_text LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """)
        let total = try await database.query(
            """
            SELECT COUNT(*) AS total FROM books WHERE search_text LIKE \(bind: pattern) ESCAPE '\\'
            """
        ).first?.int("total") ?? 0
        return Page(items: try rows.map(Book.init), limit: limit, offset: offset, total: total)
    }

    /// Replaces a book's details.
    public func update(_ id: UUID, with details: BookDetails) async throws -> Book? {
        let rows = try await database.query(
            """
            UPDATE books SET title = \(bind: details.title), author = \(bind: details.author),
                isbn = \(bind: details.isbn), publisher = \(bind: details.publisher),
                publication_year = \(bind: details.publicationYear), description = \(bind: details.description),
                price_cents = \(bind: details.priceCents), currency = \(bind: details.currency),
                search_text = \(bind: BookSearchText.of(details)), updated_at = \(bind: Date.now)
            WHERE id = \(bind: id) RETURNING \(sql: Book.columns)
            """)
        return try rows.first.map(Book.init)
    }

    /// Deletes a book with its photos and jobs.
    public func delete(_ id: UUID) async throws -> Bool {
        try await !database.query("DELETE FROM books WHERE id = \(bind: id) RETURNING id").isEmpty
    }
}

import Domain
import Foundation

/// A book as the API shows it.
struct BookResource: Codable, Sendable {
    var id: String
    var title: String
    var author: String?
    var isbn: String?
    var publisher: String?
    var publicationYear: Int?
    var description: String?
    var priceCents: Int?
    var currency: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ book: Book) {
        id = book.id.lowercased
        title = book.details.title
        author = book.details.author
        isbn = book.details.isbn
        publisher = book.details.publisher
        publicationYear = book.details.publicationYear
        description = book.details.description
        priceCents = book.details.priceCents
        currency = book.details.currency
        createdAt = book.createdAt
        updatedAt = book.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, author, isbn, publisher, description, currency
        case publicationYear = "publication_year"
        case priceCents = "price_cents"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// The fields a client sends to create or replace a book.
struct BookInput: Codable, Sendable {
    var title: String
    var author: String?
    var isbn: String?
    var publisher: String?
    var publicationYear: Int?
    var description: String?
    var priceCents: Int?
    var currency: String?

    var details: BookDetails {
        BookDetails(
            title: title, author: author, isbn: isbn, publisher: publisher, publicationYear: publicationYear,
            description: description, priceCents: priceCents, currency: currency)
    }

    enum CodingKeys: String, CodingKey {
        case title, author, isbn, publisher, description, currency
        case publicationYear = "publication_year"
        case priceCents = "price_cents"
    }
}

import Domain
import Foundation

/// A book as the API shows it: its identifier, its fields as a client sends them, and its timestamps.
struct BookResource: Encodable, Sendable {
    var id: String
    var fields: BookInput
    var createdAt: Date
    var updatedAt: Date

    init(_ book: Book) {
        id = book.id.lowercased
        fields = BookInput(book.details)
        createdAt = book.createdAt
        updatedAt = book.updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id
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

    init(_ details: BookDetails) {
        title = details.title
        author = details.author
        isbn = details.isbn
        publisher = details.publisher
        publicationYear = details.publicationYear
        description = details.description
        priceCents = details.priceCents
        currency = details.currency
    }

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

/// The user-editable fields of a book, validated before they are stored.
public struct BookDetails: Sendable, Codable, Equatable {
    /// The title; required, 1 to 500 characters.
    public var title: String
    /// The author or authors.
    public var author: String?
    /// ISBN-10 or ISBN-13, digits (and a final X) only once normalised.
    public var isbn: String?
    /// The publisher.
    public var publisher: String?
    /// Year of publication.
    public var publicationYear: Int?
    /// Free text: condition notes, provenance.
    public var description: String?
    /// Asking price in the currency's minor unit.
    public var priceCents: Int?
    /// ISO 4217 currency code.
    public var currency: String?

    /// Details from their parts.
    public init(
        title: String, author: String? = nil, isbn: String? = nil, publisher: String? = nil,
        publicationYear: Int? = nil, description: String? = nil, priceCents: Int? = nil, currency: String? = nil
    ) {
        self.title = title
        self.author = author
        self.isbn = isbn
        self.publisher = publisher
        self.publicationYear = publicationYear
        self.description = description
        self.priceCents = priceCents
        self.currency = currency
    }

    /// Checks every field, returning the normalised details or the first problem found.
    public func validated() throws(ValidationError) -> BookDetails {
        var details = self
        details.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !details.title.isEmpty else { throw ValidationError(field: "title", message: "must not be empty") }
        try Self.checkLength(details.title, field: "title", maximum: 500)
        try Self.checkLength(author, field: "author", maximum: 500)
        try Self.checkLength(publisher, field: "publisher", maximum: 500)
        try Self.checkLength(description, field: "description", maximum: 20_000)
        if let isbn {
            let normalised = isbn.filter { $0 != "-" && $0 != " " }.uppercased()
            let digits = normalised.dropLast().allSatisfy(\.isASCIIDigit)
            let last = normalised.last.map { $0.isASCIIDigit || $0 == "X" } ?? false
            guard [10, 13].contains(normalised.count), digits, last else {
                throw ValidationError(field: "isbn", message: "must be an ISBN-10 or ISBN-13")
            }
            details.isbn = normalised
        }
        if let publicationYear, !(0...9999).contains(publicationYear) {
            throw ValidationError(field: "publication_year", message: "must be between 0 and 9999")
        }
        if let priceCents, !(0...1_000_000_000_00).contains(priceCents) {
            throw ValidationError(field: "price_cents", message: "must be between 0 and 100000000000")
        }
        if let currency {
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw ValidationError(field: "currency", message: "must be a three-letter ISO 4217 code, e.g. EUR")
            }
        }
        return details
    }

    private static func checkLength(_ value: String?, field: String, maximum: Int) throws(ValidationError) {
        if let value, value.count > maximum {
            throw ValidationError(field: field, message: "must be at most \(maximum) characters")
        }
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}

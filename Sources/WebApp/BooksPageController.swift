import Domain
import Foundation
import HTTPAPI
import Hummingbird

/// `/app/books`: the catalogue, newest first, searchable by title and author, twenty books a page, each with the
/// thumbnail of its primary photo.
struct BooksPageController {
    static let pageSize = 20

    let services: APIServices
    let pages: PageRenderer

    struct BookRow {
        let link: String
        let title: String
        let author: String?
        let thumbnail: String?
    }

    struct ListView {
        let layout: LayoutView
        let query: String
        let books: [BookRow]
        let total: Int
        let pageNumber: Int
        let pageCount: Int
        let previous: String?
        let next: String?
    }

    func addRoutes(reading: RouterGroup<AppRequestContext>) {
        reading.get("books", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = request.formQuery
        let query = String((fields["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
            .filter { !$0.isNewline && $0.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } }
        let pageNumber = max(1, min(50_000, Int(fields["page"] ?? "") ?? 1))
        let offset = (pageNumber - 1) * Self.pageSize
        let page = query.isEmpty
            ? try await services.books.list(limit: Self.pageSize, offset: offset)
            : try await services.books.search(query, limit: Self.pageSize, offset: offset)
        let primaries = try await services.photos.primaries(bookIDs: page.items.map(\.id))
        let rows = page.items.map { book in
            BookRow(
                link: "/app/books/\(book.id.lowercased)", title: book.details.title, author: book.details.author,
                thumbnail: primaries[book.id].map { "/books/\(book.id.lowercased)/photos/\($0.id.lowercased)/thumbnail" })
        }
        let pageCount = max(1, (page.total + Self.pageSize - 1) / Self.pageSize)
        let search = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let view = ListView(
            layout: LayoutView(title: "Books", session: context.pageSession), query: query, books: rows,
            total: page.total, pageNumber: pageNumber, pageCount: pageCount,
            previous: pageNumber > 1 ? "/app/books?q=\(search)&page=\(pageNumber - 1)" : nil,
            next: pageNumber < pageCount ? "/app/books?q=\(search)&page=\(pageNumber + 1)" : nil)
        return pages.page("books", view)
    }
}

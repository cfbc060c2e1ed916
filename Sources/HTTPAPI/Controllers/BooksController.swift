import Domain
import Foundation
import Hummingbird

/// `/books`: create, list with paging, get, replace, delete.
struct BooksController {
    let services: APIServices

    func addRoutes(reading: RouterGroup<AppRequestContext>, editing: RouterGroup<AppRequestContext>) {
        reading.get("books", use: list)
        reading.get("books/:bookID", use: get)
        editing.post("books", use: create)
        editing.put("books/:bookID", use: replace)
        editing.delete("books/:bookID", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try request.queryInt("limit", default: 20, in: 1...100)
        let offset = try request.queryInt("offset", default: 0, in: 0...1_000_000)
        let search = request.formQuery["q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard search.count <= 200, !search.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw APIError.badRequest("q must have at most 200 characters and no control characters", code: "invalid_parameter") }
        let page = search.isEmpty
            ? try await services.books.list(limit: limit, offset: offset)
            : try await services.books.search(search, limit: limit, offset: offset)
        return try JSONResponse.make(ListResource(page, transform: BookResource.init))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(BookResource(try await services.existingBook(try context.parameters.uuid("bookID"))))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: BookInput.self)
        let book = try await services.books.create(try input.details.validated())
        return try JSONResponse.make(BookResource(book), status: .created)
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.uuid("bookID")
        let input = try await request.decodeJSON(as: BookInput.self)
        guard let book = try await services.books.update(id, with: try input.details.validated()) else {
            throw APIError.notFound("no book \(id)")
        }
        return try JSONResponse.make(BookResource(book))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.uuid("bookID")
        let photos = try await services.photos.list(bookID: id)
        guard try await services.books.delete(id) else { throw APIError.notFound("no book \(id)") }
        for photo in photos {
            try? await PhotoFiles.delete(photo, from: services.store)
        }
        return Response(status: .noContent)
    }
}

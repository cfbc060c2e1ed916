import Hummingbird

/// `POST /imports`: a listing with its photos, all or nothing.
struct ImportController {
    let importer: ListingImporter

    func addRoutes(editing: RouterGroup<AppRequestContext>) {
        editing.post("imports", use: create)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let listing = try await request.decodeJSON(as: ListingImport.self)
        return try JSONResponse.make(try await importer.importListing(listing), status: .created)
    }
}

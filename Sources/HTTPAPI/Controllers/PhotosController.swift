import Domain
import Foundation
import Hummingbird
import ImagePipeline
import ObjectStorage
import Persistence
import PhotoJobs

/// `/books/{id}/photos`: upload (raw body), list, primary, reorder, update, delete, file and thumbnail.
struct PhotosController {
    let services: APIServices

    func addRoutes(reading: RouterGroup<AppRequestContext>, editing: RouterGroup<AppRequestContext>) {
        reading.get("books/:bookID/photos", use: list)
        reading.get("books/:bookID/photos/primary", use: primary)
        reading.get("books/:bookID/photos/:photoID", use: get)
        reading.get("books/:bookID/photos/:photoID/file", use: file)
        reading.get("books/:bookID/photos/:photoID/thumbnail", use: thumbnail)
        editing.post("books/:bookID/photos", use: upload)
        editing.put("books/:bookID/photos/order", use: reorder)
        editing.patch("books/:bookID/photos/:photoID", use: update)
        editing.delete("books/:bookID/photos/:photoID", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try await existingBook(context)
        let photos = try await services.photos.list(bookID: bookID)
        return try JSONResponse.make(ListResource(items: photos.map(PhotoResource.init)))
    }

    @Sendable func primary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try await existingBook(context)
        guard let photo = try await services.photos.primaries(bookIDs: [bookID])[bookID] else {
            throw APIError.notFound("book \(bookID) has no primary photo")
        }
        return try JSONResponse.make(PhotoResource(photo))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(PhotoResource(try await photo(context)))
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let photo = try await photo(context)
        return try await download(key: photo.objectKey, contentType: photo.contentType)
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let photo = try await photo(context)
        guard let key = photo.thumbnailKey else { throw APIError.notFound("photo \(photo.id) has no thumbnail") }
        return try await download(key: key, contentType: "image/jpeg")
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try await existingBook(context)
        let query = request.formQuery
        let imageType = try query["image_type"].map { text in
            guard let type = ImageType(rawValue: text) else {
                throw APIError.badRequest(
                    "image_type must be one of \(ImageType.allCases.map(\.rawValue).joined(separator: ", "))",
                    code: "invalid_parameter")
            }
            return type
        }
        let asPrimary = try Self.flag(query["is_primary"], name: "is_primary")
        let caption = query["caption"]
        try BookPhoto.validate(caption: caption)
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: BodyLimits.maximumPhotoBytes)
        } catch {
            throw APIError(
                .contentTooLarge, code: "body_too_large",
                message: "the photo is larger than \(BodyLimits.maximumPhotoBytes) bytes")
        }
        let addition: PhotoAddition
        do {
            addition = try await services.intake.store(
                Array(body.readableBytesView), bookID: bookID,
                details: PhotoIntake.Details(imageType: imageType, caption: caption, asPrimary: asPrimary))
        } catch let error as ImageError {
            throw APIError.unprocessable("the upload is not an acceptable image: \(error.description)", code: error.code)
        }
        if addition.created && addition.photo.isPrimary {
            _ = try await services.enqueuer.trigger(bookID: bookID, photoID: addition.photo.id)
        }
        return try JSONResponse.make(PhotoResource(addition.photo), status: addition.created ? .created : .ok)
    }

    @Sendable func reorder(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try await existingBook(context)
        let order = try await request.decodeJSON(as: PhotoOrder.self)
        let before = try await services.photos.list(bookID: bookID)
        let known = Set(before.map(\.id))
        if let unknown = order.photoIDs.first(where: { !known.contains($0) }) {
            throw APIError.unprocessable("photo \(unknown) is not a photo of book \(bookID)")
        }
        guard Set(order.photoIDs).count == order.photoIDs.count else {
            throw APIError.unprocessable("photo_ids lists a photo twice")
        }
        let after = try await services.photos.reorder(bookID: bookID, photoIDs: order.photoIDs)
        let oldPrimary = before.first(where: \.isPrimary)?.id
        if let newPrimary = after.first(where: \.isPrimary), newPrimary.id != oldPrimary {
            _ = try await services.enqueuer.trigger(bookID: bookID, photoID: newPrimary.id)
        }
        return try JSONResponse.make(ListResource(items: after.map(PhotoResource.init)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await photo(context)
        let update = try await request.decodeJSON(as: PhotoUpdate.self)
        try BookPhoto.validate(caption: update.caption)
        guard let photo = try await services.photos.update(
            existing.id, bookID: existing.bookID, caption: update.caption ?? existing.caption,
            imageType: update.imageType ?? existing.imageType)
        else { throw APIError.notFound("no photo \(existing.id)") }
        return try JSONResponse.make(PhotoResource(photo))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let existing = try await photo(context)
        guard let deleted = try await services.photos.delete(existing.id, bookID: existing.bookID) else {
            throw APIError.notFound("no photo \(existing.id)")
        }
        try? await PhotoFiles.delete(deleted, from: services.store)
        if deleted.isPrimary, let newPrimary = try await services.photos.primaries(bookIDs: [existing.bookID])[existing.bookID] {
            _ = try await services.enqueuer.trigger(bookID: existing.bookID, photoID: newPrimary.id)
        }
        return Response(status: .noContent)
    }

    /// The photo's bytes, or a 307 redirect to where the store lets clients download them (a presigned S3 URL or
    /// the CDN).
    private func download(key: String, contentType: String) async throws -> Response {
        let objectKey = try ObjectKey(key)
        if let url = try await services.store.downloadURL(for: objectKey) {
            return Response(status: .temporaryRedirect, headers: [.location: url, .cacheControl: "private, max-age=60"])
        }
        let bytes = try await services.store.get(objectKey)
        return Response(
            status: .ok, headers: [.contentType: contentType, .cacheControl: "private, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func existingBook(_ context: AppRequestContext) async throws -> UUID {
        try await services.existingBook(try context.parameters.uuid("bookID")).id
    }

    private func photo(_ context: AppRequestContext) async throws -> BookPhoto {
        let bookID = try context.parameters.uuid("bookID")
        return try await services.existingPhoto(try context.parameters.uuid("photoID"), bookID: bookID)
    }

    private static func flag(_ text: String?, name: String) throws -> Bool {
        switch text?.lowercased() {
        case nil, "false", "0": return false
        case "true", "1": return true
        default: throw APIError.badRequest("\(name) must be true or false", code: "invalid_parameter")
        }
    }
}

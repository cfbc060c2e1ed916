import Domain
import Foundation
import ImagePipeline
import ObjectStorage
import Persistence
import PhotoJobs

/// Imports a listing all or nothing: every photo is fetched (or read from the store) and checked before the book
/// is written; then the book and its photos are stored, each with a thumbnail, and the first stored photo is
/// queued. A failure after the book was written removes what was written.
struct ListingImporter: Sendable {
    static let maximumPhotos = 24

    let books: any BookRepository
    let store: any ObjectStore
    let intake: PhotoIntake
    let fetcher: PhotoFetcher
    let enqueuer: JobEnqueuer

    func importListing(_ listing: ListingImport) async throws -> ImportResult {
        let details = try listing.book.details.validated()
        guard listing.photos.count <= Self.maximumPhotos else {
            throw APIError.unprocessable("a listing may have at most \(Self.maximumPhotos) photos")
        }
        for photo in listing.photos { try BookPhoto.validate(caption: photo.caption) }
        var downloads: [[UInt8]] = []
        var total = 0
        for (index, photo) in listing.photos.enumerated() {
            let download = try await bytes(of: photo, index: index)
            total += download.count
            guard total <= fetcher.maximumListingBytes else {
                throw APIError.unprocessable(
                    "photos[\(index)]: the listing's photos have more than \(fetcher.maximumListingBytes) bytes together",
                    code: "listing_too_large")
            }
            downloads.append(download)
        }
        let book = try await books.create(details)
        var stored: [BookPhoto] = []
        do {
            for (photo, bytes) in zip(listing.photos, downloads) {
                let addition = try await intake.store(
                    bytes, bookID: book.id,
                    details: PhotoIntake.Details(imageType: photo.imageType, caption: photo.caption))
                if addition.created { stored.append(addition.photo) }
            }
        } catch {
            _ = try? await books.delete(book.id)
            for photo in stored { try? await PhotoFiles.delete(photo, from: store) }
            if let image = error as? ImageError {
                throw APIError.unprocessable("a photo could not be stored: \(image.description)", code: image.code)
            }
            throw error
        }
        var job: JobResource?
        if let first = stored.first {
            job = JobResource(try await enqueuer.trigger(bookID: book.id, photoID: first.id).job)
        }
        let current = try await books.find(book.id) ?? book
        return ImportResult(book: BookResource(current), photos: stored.map(PhotoResource.init), job: job)
    }

    private func bytes(of photo: ListingImport.ListingPhoto, index: Int) async throws -> [UInt8] {
        let data: [UInt8]
        switch (photo.url, photo.objectKey) {
        case (let url?, nil):
            do {
                data = try await fetcher.fetch(url)
            } catch {
                throw APIError.unprocessable("photos[\(index)]: \(error.message)", code: error.code)
            }
        case (nil, let key?):
            let objectKey: ObjectKey
            do {
                objectKey = try ObjectKey(key)
            } catch {
                throw APIError.unprocessable("photos[\(index)]: \(error.description)", code: "invalid_key")
            }
            do {
                data = try await store.get(objectKey)
            } catch ObjectStoreError.notFound {
                throw APIError.unprocessable("photos[\(index)]: no object is stored under '\(key)'", code: "unknown_object")
            }
        default:
            throw APIError.unprocessable("photos[\(index)] needs exactly one of url and object_key")
        }
        do {
            _ = try ImageHeader.read(data)
        } catch {
            throw APIError.unprocessable("photos[\(index)]: \(error.description)", code: error.code)
        }
        return data
    }
}

import Domain
import ObjectStorage

/// Removes a photo's files from the store.
enum PhotoFiles {
    static func delete(_ photo: BookPhoto, from store: any ObjectStore) async throws {
        try await store.delete(try ObjectKey(photo.objectKey))
        if let thumbnail = photo.thumbnailKey { try await store.delete(try ObjectKey(thumbnail)) }
    }
}

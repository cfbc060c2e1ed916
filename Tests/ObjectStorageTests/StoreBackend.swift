import AWSClient
import Foundation
import ObjectStorage
import TestSupport

/// The object stores every contract test runs against: a folder on the local disk, and a fresh bucket on moto
/// (signature checks on), addressed path-style (`bucket.localhost` does not resolve here, so virtual-hosted
/// addressing is checked by its URLs in `S3ObjectStoreTests`).
enum StoreBackend: String, CaseIterable, CustomStringConvertible {
    case local
    case s3

    var description: String { rawValue }

    /// A new, empty store of this kind, its S3 keys under `prefix`; `cleanup` removes its folder.
    func makeStore(prefix: String = "photos") async throws -> (store: any ObjectStore, cleanup: @Sendable () -> Void) {
        switch self {
        case .local:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            return (try LocalObjectStore(root: folder), { try? FileManager.default.removeItem(at: folder) })
        case .s3:
            let store = try S3ObjectStore(
                bucket: try await MotoPeer.createBucket(), prefix: prefix, endpoint: try MotoPeer.endpoint(),
                pathStyle: true, client: try MotoPeer.client("s3"))
            return (store, {})
        }
    }
}

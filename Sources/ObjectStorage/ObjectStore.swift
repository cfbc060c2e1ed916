/// Where photo bytes live: a folder of the local disk, or an S3 bucket (AWS or any S3-compatible store).
public protocol ObjectStore: Sendable {
    /// A name for health reports, e.g. the folder or `s3://bucket/prefix`.
    var location: String { get }
    /// Stores `bytes` under `key`, replacing what was there, atomically.
    func put(_ bytes: [UInt8], at key: ObjectKey, contentType: String) async throws
    /// The bytes under `key`; throws ``ObjectStoreError/notFound(_:)`` when there are none.
    func get(_ key: ObjectKey) async throws -> [UInt8]
    /// Size and content type of what is under `key`; nil when there is nothing.
    func head(_ key: ObjectKey) async throws -> ObjectMetadata?
    /// Removes what is under `key`, if anything.
    func delete(_ key: ObjectKey) async throws
    /// Every key that starts with `prefix`, in ascending order.
    func list(prefix: String) async throws -> [ObjectKey]
    /// Checks the store can be written, read and deleted from.
    func probe() async throws
    /// A URL a client can download `key` from directly (a presigned or CDN URL); nil when the API must serve it.
    func downloadURL(for key: ObjectKey) async throws -> String?
    /// The origin (`scheme://host[:port]`) every ``downloadURL(for:)`` points at, so that pages may show images from
    /// it (their Content-Security-Policy names it); nil when the API serves the bytes itself.
    var downloadOrigin: String? { get }
}

/// What a store knows of one object.
public struct ObjectMetadata: Sendable, Equatable {
    /// Its size in bytes.
    public let byteCount: Int
    /// Its media type.
    public let contentType: String

    /// Metadata from its parts.
    public init(byteCount: Int, contentType: String) {
        self.byteCount = byteCount
        self.contentType = contentType
    }
}

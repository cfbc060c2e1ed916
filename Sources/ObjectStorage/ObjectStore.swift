/// Where photo bytes live: the local disk now, an S3-compatible store next.
public protocol ObjectStore: Sendable {
    /// A name for health reports, e.g. the folder or bucket.
    var location: String { get }
    /// Stores `bytes` under `key`, replacing what was there, atomically.
    func put(_ bytes: [UInt8], at key: ObjectKey, contentType: String) async throws
    /// The bytes under `key`; throws ``ObjectStoreError/notFound(_:)`` when there are none.
    func get(_ key: ObjectKey) async throws -> [UInt8]
    /// Removes what is under `key`, if anything.
    func delete(_ key: ObjectKey) async throws
    /// Checks the store can be written and read.
    func probe() async throws
}

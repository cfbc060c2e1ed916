import Foundation

/// ``ObjectStore`` in a folder of the local disk: each key is a file below the folder, written to a temporary
/// name and renamed into place so that readers never see half a file.
public struct LocalObjectStore: ObjectStore {
    /// The folder holding the objects.
    public let root: URL

    /// A store in `root`, created when missing.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
    }

    /// The folder's path.
    public var location: String { root.path }

    private func url(for key: ObjectKey) throws(ObjectStoreError) -> URL {
        let url = root.appendingPathComponent(key.value).standardizedFileURL
        guard url.path.hasPrefix(root.path + "/") else { throw .invalidKey(key.value, "escapes the store") }
        return url
    }

    /// Writes the file atomically.
    public func put(_ bytes: [UInt8], at key: ObjectKey, contentType: String) async throws {
        let target = try url(for: key)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw ObjectStoreError.unavailable("cannot store \(key): \(reason)")
            }
        } catch let error as ObjectStoreError {
            throw error
        } catch {
            throw ObjectStoreError.unavailable("cannot store \(key): \(error.localizedDescription)")
        }
    }

    /// Reads the file.
    public func get(_ key: ObjectKey) async throws -> [UInt8] {
        let source = try url(for: key)
        guard FileManager.default.fileExists(atPath: source.path) else { throw ObjectStoreError.notFound(key.value) }
        do {
            return Array(try Data(contentsOf: source))
        } catch {
            throw ObjectStoreError.unavailable("cannot read \(key): \(error.localizedDescription)")
        }
    }

    /// Removes the file.
    public func delete(_ key: ObjectKey) async throws {
        let target = try url(for: key)
        if FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.removeItem(at: target)
        }
    }

    /// Writes, reads back and removes a small file.
    public func probe() async throws {
        let key = try ObjectKey("health/probe-\(UUID().uuidString)")
        try await put(Array("ok".utf8), at: key, contentType: "text/plain")
        guard try await get(key) == Array("ok".utf8) else { throw ObjectStoreError.unavailable("read back differs") }
        try await delete(key)
    }
}

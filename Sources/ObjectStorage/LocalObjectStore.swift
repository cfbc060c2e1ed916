import Foundation
import NIOPosix

/// ``ObjectStore`` in a folder of the local disk: each key is a file below the folder, written to a temporary
/// name and renamed into place so that readers never see half a file. A file keeps no content type: ``head(_:)``
/// derives it from the key's extension, as the service names every key it writes. Every call that touches the disk
/// runs on NIO's pool of threads for blocking I/O, so that a slow disk (or the `fsync` of a large write) never holds
/// one of Swift's cooperative threads, which the server's requests and jobs share.
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

    /// Runs `body`, which blocks on the disk, on NIO's pool of threads for blocking I/O.
    private func blocking<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Writes the file atomically.
    public func put(_ bytes: [UInt8], at key: ObjectKey, contentType: String) async throws {
        let target = try url(for: key)
        try await blocking { try Self.write(bytes, to: target, key: key) }
    }

    /// Writes `bytes` under a temporary name beside `target`, then renames it into place.
    private static func write(_ bytes: [UInt8], to target: URL, key: ObjectKey) throws {
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
        return try await blocking {
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw ObjectStoreError.notFound(key.value)
            }
            do {
                return Array(try Data(contentsOf: source))
            } catch {
                throw ObjectStoreError.unavailable("cannot read \(key): \(error.localizedDescription)")
            }
        }
    }

    /// Removes the file.
    public func delete(_ key: ObjectKey) async throws {
        let target = try url(for: key)
        try await blocking {
            if FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.removeItem(at: target)
            }
        }
    }

    /// The file's size, and the media type of its extension.
    public func head(_ key: ObjectKey) async throws -> ObjectMetadata? {
        let source = try url(for: key)
        return try await blocking {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: source.path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.intValue
            else { return nil }
            return ObjectMetadata(byteCount: size, contentType: MediaTypes.forExtension(source.pathExtension))
        }
    }

    /// Every file below the folder whose key starts with `prefix`, leaving out partial writes.
    public func list(prefix: String) async throws -> [ObjectKey] {
        try await blocking {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
            else { return [] }
            var keys: [ObjectKey] = []
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                    !url.lastPathComponent.hasPrefix(".")
                else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
                if relative.hasPrefix(prefix), let key = try? ObjectKey(relative) { keys.append(key) }
            }
            return keys.sorted { $0.value < $1.value }
        }
    }

    /// Local files are served by the API.
    public func downloadURL(for key: ObjectKey) async throws -> String? { nil }

    /// Nil: the API serves local photos itself.
    public var downloadOrigin: String? { nil }

    /// Writes, reads back and removes a small file.
    public func probe() async throws {
        let key = try ObjectKey("health/probe-\(UUID().uuidString)")
        try await put(Array("ok".utf8), at: key, contentType: "text/plain")
        guard try await get(key) == Array("ok".utf8) else { throw ObjectStoreError.unavailable("read back differs") }
        try await delete(key)
    }
}

import Crypto
import Foundation

/// SHA-256 and MD5 of a file or a stream of chunks, computed together in one pass.
struct FileDigests {
    private var sha256 = SHA256()
    private var md5 = Insecure.MD5()
    private(set) var byteCount = 0

    mutating func update(_ chunk: some DataProtocol) {
        sha256.update(data: chunk)
        md5.update(data: chunk)
        byteCount += chunk.count
    }

    func finalize() -> (sha256: String, md5: String) {
        (Self.hex(sha256.finalize()), Self.hex(md5.finalize()))
    }

    /// Whether one of `accepted` names these digests.
    static func matches(_ digests: (sha256: String, md5: String), _ accepted: [ModelDigest]) -> Bool {
        accepted.contains { digest in
            switch digest.algorithm {
            case .sha256: digest.hex == digests.sha256
            case .md5: digest.hex == digests.md5
            }
        }
    }

    /// Reads the file at `path` in 1 MiB chunks.
    static func of(path: String) throws -> (sha256: String, md5: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var digests = FileDigests()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            digests.update(chunk)
        }
        return digests.finalize()
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

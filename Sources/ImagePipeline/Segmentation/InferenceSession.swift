import CONNXRuntime
import Foundation

/// One ONNX Runtime session for one model file, kept open for the life of the process. ONNX Runtime allows
/// concurrent `run` calls on one session, so a session is shared by every task.
public final class InferenceSession: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The path of the model file.
    public let modelPath: String

    /// Threading settings of a session.
    public struct Threading: Sendable, Equatable {
        /// Threads used inside one operator; 0 lets ONNX Runtime use every core.
        public var intraOpThreads: Int
        /// Threads used across independent operators; 0 lets ONNX Runtime decide.
        public var interOpThreads: Int
        /// Whether idle worker threads spin; off is better when several photos run at once.
        public var allowSpinning: Bool

        /// Settings from their parts.
        public init(intraOpThreads: Int = 0, interOpThreads: Int = 1, allowSpinning: Bool = true) {
            self.intraOpThreads = intraOpThreads
            self.interOpThreads = interOpThreads
            self.allowSpinning = allowSpinning
        }
    }

    /// Opens `modelPath` with the given runtime and threading.
    public init(runtime: ONNXRuntime, modelPath: String, threading: Threading) throws(ModelError) {
        var session: OpaquePointer?
        var message = [CChar](repeating: 0, count: 1024)
        let status = bp_ort_session_create(
            runtime.handle, modelPath, Int32(threading.intraOpThreads), Int32(threading.interOpThreads),
            threading.allowSpinning ? 1 : 0, &session, &message, message.count)
        guard status == 0, let session else { throw .inferenceFailed(String(nulTerminated: message)) }
        handle = session
        self.modelPath = modelPath
    }

    deinit {
        bp_ort_session_release(handle)
    }

    /// Runs the model on one float tensor and returns the requested output with its shape.
    public func run(input: [Float], shape: [Int64], outputIndex: Int) throws(ModelError) -> (values: [Float], shape: [Int64]) {
        var values: UnsafeMutablePointer<Float>?
        var count = 0
        var outputShape = [Int64](repeating: 0, count: 8)
        var rank = 0
        var message = [CChar](repeating: 0, count: 1024)
        let status = input.withUnsafeBufferPointer { tensor in
            shape.withUnsafeBufferPointer { dimensions in
                bp_ort_session_run(
                    handle, tensor.baseAddress, tensor.count, dimensions.baseAddress, dimensions.count, outputIndex,
                    &values, &count, &outputShape, outputShape.count, &rank, &message, message.count)
            }
        }
        guard status == 0, let values else { throw .inferenceFailed(String(nulTerminated: message)) }
        defer { bp_ort_free(values) }
        return (Array(UnsafeBufferPointer(start: values, count: count)), Array(outputShape.prefix(rank)))
    }
}

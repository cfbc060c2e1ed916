import Dispatch

/// Runs CPU-bound or blocking work (the photo pipeline, name resolution) on a Dispatch thread, off Swift's
/// cooperative pool.
public enum BlockingWork {
    /// The result of `body`, computed on a Dispatch thread.
    public static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
        }
    }
}

import Dispatch

/// Runs CPU-bound, blocking work (the photo pipeline) on a Dispatch thread, off Swift's cooperative pool.
enum BlockingWork {
    static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
        }
    }
}

import Dispatch

/// Runs CPU-bound or blocking work (the photo pipeline, name resolution) on a Dispatch thread, off Swift's
/// cooperative pool, in a lane of its kind.
public enum BlockingWork {
    /// Which threads run a piece of work, so that work waits in line only behind work of its own kind. A pool lane
    /// is one of Dispatch's quality-of-service classes, whose threads form a pool of their own (as many as there
    /// are cores) and, on Linux, a nice value of their own. No lane is the default class, whose share of threads
    /// Swift's tasks of medium priority (the server's request handlers) run on and CPU-bound work there would take
    /// from them.
    public enum Lane: Sendable {
        /// Short work that a request waits on: name resolution, reading an upload and making its thumbnail. The
        /// user-initiated pool.
        case brief
        /// A photo its caller waits for (`POST /v1/remove-background`): a thread of its own at once (a serial
        /// queue, which Dispatch never keeps waiting for a pool thread), so it never waits behind jobs; of the
        /// utility class as they are, so that request handling comes first. That endpoint's admission bounds how
        /// many run at once.
        case foregroundPhoto
        /// Photo jobs and the pipeline's warm-up, which no request waits on: the utility pool, whose threads are
        /// the first to yield the processors.
        case backgroundPhoto
    }

    /// The result of `body`, computed on a Dispatch thread of `lane`.
    public static func run<Result: Sendable>(in lane: Lane, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue(of: lane).async { continuation.resume(returning: body()) }
        }
    }

    private static func queue(of lane: Lane) -> DispatchQueue {
        switch lane {
        case .brief: DispatchQueue.global(qos: .userInitiated)
        case .foregroundPhoto: DispatchQueue(label: "bookplate.foreground-photo", qos: .utility)
        case .backgroundPhoto: DispatchQueue.global(qos: .utility)
        }
    }
}

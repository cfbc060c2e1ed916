import Dispatch

/// Runs CPU-bound or blocking work (the photo pipeline, name resolution) on a Dispatch thread, off Swift's
/// cooperative pool, in a lane of its kind.
public enum BlockingWork {
    /// Which threads run a piece of work. Each lane is one of Dispatch's quality-of-service classes, whose threads
    /// form a pool of their own (as many as there are cores) and, on Linux, a nice value of their own: work waits in
    /// line only behind work of its lane, so a request's brief work never waits behind photos being processed.
    /// Neither lane is the default class, whose share of threads Swift's tasks of medium priority (the server's
    /// request handlers) run on and CPU-bound work there would take from them.
    public enum Lane: Sendable {
        /// Short work that a request waits on: name resolution, reading an upload and making its thumbnail.
        case brief
        /// A photo through the pipeline: a job's, the synchronous endpoint's (bounded by its admission) and the
        /// pipeline's warm-up. Its threads are the first to yield the processors.
        case photo

        var qos: DispatchQoS.QoSClass {
            switch self {
            case .brief: .userInitiated
            case .photo: .utility
            }
        }
    }

    /// The result of `body`, computed on a Dispatch thread of `lane`.
    public static func run<Result: Sendable>(in lane: Lane, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: lane.qos).async { continuation.resume(returning: body()) }
        }
    }
}

import Synchronization

/// How many jobs a worker process has in flight, shared by the receiving loop and the jobs themselves.
final class JobsInFlight: Sendable {
    private let count = Mutex(0)

    /// The jobs in flight now.
    var current: Int { count.withLock { $0 } }

    /// Counts a job that starts.
    func started() { count.withLock { $0 += 1 } }

    /// Counts a job that ended.
    func ended() { count.withLock { $0 -= 1 } }
}

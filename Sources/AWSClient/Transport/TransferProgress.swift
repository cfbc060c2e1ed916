import Synchronization

/// When a call's bytes last moved — a chunk of its request body taken by the connection, a chunk of its answer
/// received — so that a transfer that stops moving can be told from one that is merely slow.
final class TransferProgress: Sendable {
    private let last = Mutex(ContinuousClock.now)

    /// Records that bytes moved now.
    func moved() {
        last.withLock { $0 = ContinuousClock.now }
    }

    /// Returns once nothing has moved for `limit`.
    func stall(after limit: Duration) async throws {
        while true {
            let due = last.withLock { $0 } + limit
            if ContinuousClock.now >= due { return }
            try await Task.sleep(until: due)
        }
    }
}

import Synchronization

/// How many jobs a worker process has in flight, shared by the receiving loop and the jobs themselves; the loop
/// waits here for a free slot.
final class JobsInFlight: Sendable {
    private let state = Mutex((count: 0, waiting: [CheckedContinuation<Void, Never>]()))

    /// The jobs in flight now.
    var current: Int { state.withLock { $0.count } }

    /// Counts a job that starts.
    func started() { state.withLock { $0.count += 1 } }

    /// Counts a job that ended and wakes whoever waits for a slot.
    func ended() {
        let waiting = state.withLock { state in
            state.count -= 1
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once fewer than `slots` jobs are in flight.
    func waitForFreeSlot(of slots: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state in
                if state.count < slots { return true }
                state.waiting.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }
}

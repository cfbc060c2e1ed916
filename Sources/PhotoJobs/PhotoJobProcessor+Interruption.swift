import Foundation
import JobQueue

extension PhotoJobProcessor {
    /// Handles `message` unless `deadline` comes first; then the job is given back (``giveBack(_:of:reason:)``)
    /// and the outcome is ``JobOutcome/abandoned(_:)``. The abandoned run stores and records nothing: it checks its
    /// claim before storing, and the completion is refused to a claim given back.
    public func handle(_ message: ReceivedMessage, before deadline: ContinuousClock.Instant) async -> JobOutcome {
        let outcome = await handle(
            message, reason: "the invocation's deadline came before the job finished",
            unless: { try? await Task.sleep(until: deadline, clock: .continuous) })
        return outcome ?? .abandoned("given back before the invocation's deadline")
    }

    /// Handles `message` unless `interruption` returns first; then `whenInterrupted` runs (so that a warning is
    /// out before a give-back that may hang on an unreachable queue), the job is given back with `reason` and the
    /// result is nil. The interruption runs in a task of its own, cancelled once the job's run ends first; its
    /// return after that cancellation interrupts nothing.
    func handle(
        _ message: ReceivedMessage, reason: String, unless interruption: @escaping @Sendable () async -> Void,
        whenInterrupted: () async -> Void = {}
    ) async -> JobOutcome? {
        let run = ProcessingRun()
        var watcher: Task<Void, Never>?
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<JobOutcome?, Never>) in
            let first = FirstResult(continuation)
            Task { first.resume(with: await handle(message, as: run)) }
            watcher = Task {
                await interruption()
                if Task.isCancelled { return }
                first.resume(with: nil)
            }
        }
        watcher?.cancel()
        if let outcome { return outcome }
        await whenInterrupted()
        await giveBack(message, of: run, reason: reason)
        return nil
    }
}

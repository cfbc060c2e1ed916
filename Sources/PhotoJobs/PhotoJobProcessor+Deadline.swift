import Foundation
import JobQueue

extension PhotoJobProcessor {
    /// Handles `message` unless `deadline` comes first; then the job is given back (``giveBack(_:of:reason:)``)
    /// and the outcome is ``JobOutcome/abandoned(_:)``. The abandoned run stores and records nothing: it checks its
    /// claim before storing, and the completion is refused to a claim given back.
    public func handle(_ message: ReceivedMessage, before deadline: ContinuousClock.Instant) async -> JobOutcome {
        let run = ProcessingRun()
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<JobOutcome?, Never>) in
            let first = FirstResult(continuation)
            Task { first.resume(with: await handle(message, as: run)) }
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                first.resume(with: nil)
            }
        }
        if let outcome { return outcome }
        await giveBack(message, of: run, reason: "the invocation's deadline came before the job finished")
        return .abandoned("given back before the invocation's deadline")
    }
}

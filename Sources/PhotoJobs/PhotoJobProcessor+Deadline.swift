import JobQueue

extension PhotoJobProcessor {
    /// Handles `message` unless `deadline` comes first; then the message is released for redelivery at once and
    /// the outcome is ``JobOutcome/abandoned(_:)``. The abandoned run checks its lease before it stores anything.
    public func handle(_ message: ReceivedMessage, before deadline: ContinuousClock.Instant) async -> JobOutcome {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<JobOutcome?, Never>) in
            let first = FirstResult(continuation)
            Task { first.resume(with: await handle(message)) }
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                first.resume(with: nil)
            }
        }
        if let outcome { return outcome }
        try? await queue.release(message, after: .zero, reason: "the invocation's deadline came before the job finished")
        return .abandoned("given back before the invocation's deadline")
    }
}

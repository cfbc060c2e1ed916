import Synchronization

/// Runs work that waits on another machine under a time limit: the caller gets the work's result, or the limit's
/// error as soon as the limit passes — without waiting for the work to notice its cancellation, since a client
/// stuck connecting to a server that is down may take longer to give up.
public enum Deadline {
    /// `body`'s result, or `expired()`'s error once `limit` has passed; then the body is cancelled, unless
    /// `stillWanted` says its result is still wanted (it then runs to its end and the caller waits for it).
    public static func run<Result: Sendable>(
        within limit: Duration, expired: @escaping @Sendable () -> any Error,
        stillWanted: @escaping @Sendable () -> Bool = { false },
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let outcome = FirstOutcome<Result>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.await(continuation)
            let work = Task {
                do {
                    outcome.resume(with: .success(try await body()))
                } catch {
                    outcome.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                if stillWanted() { return }
                outcome.resume(with: .failure(expired()))
                work.cancel()
            }
        }
    }
}

/// Resumes a continuation with the first of two racing outcomes and drops the other.
private final class FirstOutcome<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, any Error>?>(nil)
    private let early = Mutex<Result<Value, any Error>?>(nil)

    /// Installs the continuation, resuming it at once if an outcome came first.
    func await(_ waiting: CheckedContinuation<Value, any Error>) {
        let ready: Result<Value, any Error>? = continuation.withLock { stored in
            if let result = early.withLock({ $0 }) { return result }
            stored = waiting
            return nil
        }
        if let ready { waiting.resume(with: ready) }
    }

    /// Hands `result` to the continuation if no outcome did before.
    func resume(with result: Result<Value, any Error>) {
        let waiting: CheckedContinuation<Value, any Error>? = continuation.withLock { stored in
            defer { stored = nil }
            if stored == nil { early.withLock { $0 = $0 ?? result } }
            return stored
        }
        waiting?.resume(with: result)
    }
}

/// Runs work that waits on another machine under a time limit: whichever comes first, the work's result or the
/// limit, and the loser is cancelled.
public enum Deadline {
    /// `body`'s result, or `expired()`'s error once `limit` has passed (the body is cancelled).
    public static func run<Result: Sendable>(
        within limit: Duration, expired: @escaping @Sendable () -> any Error,
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw expired()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw expired() }
            return first
        }
    }
}

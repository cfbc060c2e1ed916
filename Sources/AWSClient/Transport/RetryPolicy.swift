/// How often and how patiently a request is tried again after throttling, a server error or a lost connection:
/// capped exponential backoff with full jitter (each wait is random between zero and the capped exponential).
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int
    /// The exponential's first step.
    public var baseDelay: Duration
    /// The longest any one wait may be.
    public var maximumDelay: Duration

    /// A policy from its numbers.
    public init(maximumAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before try `attempt + 1`, after `attempt` (1-based) failed.
    public func delay(after attempt: Int) -> Duration {
        let exponential = baseDelay * (1 << min(attempt - 1, 20))
        let capped = min(exponential, maximumDelay)
        return .milliseconds(Int64(Double.random(in: 0...max(0, capped.timeInterval * 1000))))
    }
}

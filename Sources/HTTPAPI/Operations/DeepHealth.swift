import JobQueue

/// What the deep check found: its report, and the queue's counts its queue check read, so a caller that shows both
/// (the admin dashboard) asks the queue once.
public struct DeepHealth: Sendable {
    /// The report of every check.
    public var report: HealthReport
    /// The queue's counts; nil when the queue did not answer within the check's limit.
    public var queueStatistics: QueueStatistics?
}

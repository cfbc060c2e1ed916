/// How workers take and hold jobs.
public struct WorkerSettings: Sendable {
    /// Jobs one process works on at once.
    public var concurrency: Int
    /// Most messages asked for in one receive (never more than the free slots; SQS allows 10).
    public var batchSize: Int
    /// How long a received message stays invisible to other workers without a heartbeat.
    public var visibilityTimeout: Duration
    /// How often a busy worker extends its lease.
    public var heartbeatInterval: Duration
    /// How long an idle worker waits before asking the queue again.
    public var pollInterval: Duration
    /// How long a failed message waits before it is delivered again.
    public var retryDelay: Duration
    /// How long a shutting-down worker lets a job in flight finish before releasing it.
    public var shutdownGrace: Duration

    /// Settings from their parts; the defaults suit one worker per machine.
    public init(
        concurrency: Int = 1, batchSize: Int = 10, visibilityTimeout: Duration = .seconds(120), heartbeatInterval: Duration = .seconds(30),
        pollInterval: Duration = .milliseconds(500), retryDelay: Duration = .seconds(30),
        shutdownGrace: Duration = .seconds(25)
    ) {
        self.concurrency = concurrency
        self.batchSize = batchSize
        self.visibilityTimeout = visibilityTimeout
        self.heartbeatInterval = heartbeatInterval
        self.pollInterval = pollInterval
        self.retryDelay = retryDelay
        self.shutdownGrace = shutdownGrace
    }
}

/// Where a photo-processing job stands (DESIGN.md: the photo flow).
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Written and sent to the queue; waiting for a worker.
    case pending
    /// A worker holds it.
    case processing
    /// Done: a processed primary photo exists.
    case completed
    /// The last attempt failed; the message will be redelivered until the queue dead-letters it.
    case failed
    /// Sending to the queue failed; the retry sweeper will send it again.
    case queueFailed = "queue_failed"
    /// Sending failed three times; only an admin replay brings it back.
    case permanentlyFailed = "permanently_failed"

    /// Statuses that block a second job for the same (book, source photo).
    public static let active: [JobStatus] = [.pending, .processing]
}

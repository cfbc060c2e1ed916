import Domain
import Foundation

/// A worker tried to complete a job it no longer holds (its hold ran out and another worker took the job, or it
/// was given back); nothing was recorded.
public struct JobClaimLost: Error, Sendable, CustomStringConvertible {
    /// The job.
    public var jobID: UUID

    /// The error for `jobID`.
    public init(jobID: UUID) {
        self.jobID = jobID
    }

    /// What happened, with the job's ID, for logs and the job's record.
    public var description: String { "job \(jobID.lowercased) is no longer held by this worker" }
}

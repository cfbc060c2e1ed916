import Foundation

/// A worker's hold on a job it processes: the job and a token of the worker's own. While the hold lasts no other
/// delivery of the job's message can start it, and only the holder's renewal, failure and completion count, so a
/// duplicate message, or a run given up at a deadline, cannot process or complete the job beside its holder.
public struct JobClaim: Sendable, Hashable {
    /// The job held.
    public var jobID: UUID
    /// The holder's token.
    public var token: UUID

    /// A claim on `jobID` with a new token.
    public init(jobID: UUID, token: UUID = UUID()) {
        self.jobID = jobID
        self.token = token
    }
}

import Domain
import Foundation

/// What ``JobRepository/startProcessing(_:holdFor:)`` found.
public enum ProcessingStart: Sendable, Equatable {
    /// The job is `processing` now, held by the claim.
    case started(PhotoJob)
    /// Nothing to do: the job is gone or completed.
    case finished
    /// Another worker holds the job until the given time.
    case held(until: Date)
}

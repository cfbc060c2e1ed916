import Foundation
import Persistence
import Synchronization

/// One run of the processor on one message, which its caller may give back before it ends (a deadline or
/// shutdown came first): the token its job's claim is made with, and whether it was given back, which the run
/// checks once it holds the claim and before it records a failure.
public final class ProcessingRun: Sendable {
    /// The token of the claim the run makes on its job.
    public let token = UUID()
    private let givenBack = Mutex(false)

    /// A run not yet given back.
    public init() {}

    /// Whether the run's caller gave it back.
    var isGivenBack: Bool { givenBack.withLock { $0 } }

    /// Records that the caller gave the run back.
    func giveBack() { givenBack.withLock { $0 = true } }

    /// The run's claim on `jobID`.
    func claim(on jobID: UUID) -> JobClaim { JobClaim(jobID: jobID, token: token) }
}

import Foundation

/// How many jobs created in one period of time are in one status now: one cell of the dashboard's history.
public struct JobStatusCount: Sendable, Equatable {
    /// The start of the period.
    public var periodStart: Date
    /// The status.
    public var status: JobStatus
    /// How many jobs.
    public var count: Int

    /// A count from its parts.
    public init(periodStart: Date, status: JobStatus, count: Int) {
        self.periodStart = periodStart
        self.status = status
        self.count = count
    }
}

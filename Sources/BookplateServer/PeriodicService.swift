import Foundation
import Logging
import Persistence
import PhotoJobs
import ServiceLifecycle

/// Runs one piece of work on a fixed interval for as long as the service group runs — the retry sweep, the deletion
/// of expired web sessions; a failed run is logged and the next one comes at the next interval.
public struct PeriodicService: Service {
    private let name: String
    private let interval: Duration
    private let logger: Logger
    private let work: @Sendable () async throws -> Void

    /// A service running `work` every `interval`, named `name` in its log lines.
    public init(name: String, interval: Duration, logger: Logger, work: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.work = work
    }

    /// The retry sweep (jobs whose enqueue failed are sent again), every `interval` (5 minutes by default).
    public static func retrySweep(_ sweeper: RetrySweeper, interval: Duration = .seconds(300), logger: Logger) -> PeriodicService {
        PeriodicService(name: "retry sweep", interval: interval, logger: logger) { _ = try await sweeper.sweep() }
    }

    /// The deletion of expired web sessions, so that sessions nobody signed out of do not pile up (an expired
    /// session is refused whether or not it was deleted yet), every `interval` (15 minutes by default).
    public static func expiredSessionSweep(
        _ sessions: any SessionRepository, interval: Duration = .seconds(900), logger: Logger
    ) -> PeriodicService {
        PeriodicService(name: "expired-session sweep", interval: interval, logger: logger) {
            let deleted = try await sessions.deleteExpired(at: .now)
            if deleted > 0 { logger.info("expired web sessions deleted", metadata: ["count": "\(deleted)"]) }
        }
    }

    /// Sleeps, works, and repeats until shutdown.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            do {
                try await work()
            } catch {
                logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

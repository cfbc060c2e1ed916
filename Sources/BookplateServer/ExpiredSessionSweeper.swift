import Foundation
import Logging
import Persistence
import ServiceLifecycle

/// Deletes expired web sessions on a fixed interval (every 15 minutes by default), so that sessions nobody signed
/// out of do not pile up in the database; a session is refused once expired whether or not it was deleted yet.
public struct ExpiredSessionSweeper: Service {
    private let sessions: any SessionRepository
    private let interval: Duration
    private let logger: Logger

    /// A sweeper of `sessions` every `interval`.
    public init(sessions: any SessionRepository, interval: Duration = .seconds(900), logger: Logger) {
        self.sessions = sessions
        self.interval = interval
        self.logger = logger
    }

    /// Sleeps, deletes the expired sessions, and repeats until shutdown.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            do {
                let deleted = try await sessions.deleteExpired(at: .now)
                if deleted > 0 { logger.info("expired web sessions deleted", metadata: ["count": "\(deleted)"]) }
            } catch {
                logger.error("deleting expired web sessions failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

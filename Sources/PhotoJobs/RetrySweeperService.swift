import Logging
import ServiceLifecycle

/// Runs the retry sweep on a fixed interval (5 minutes by default) for as long as the service group runs.
public struct RetrySweeperService: Service {
    private let sweeper: RetrySweeper
    private let interval: Duration
    private let logger: Logger

    /// A service sweeping every `interval`.
    public init(sweeper: RetrySweeper, interval: Duration = .seconds(300), logger: Logger) {
        self.sweeper = sweeper
        self.interval = interval
        self.logger = logger
    }

    /// Sweeps, sleeps, and repeats until shutdown.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            do {
                _ = try await sweeper.sweep()
            } catch {
                logger.error("retry sweep failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

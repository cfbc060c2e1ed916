import JobQueue
import Logging
import ServiceLifecycle

/// Workers as a service: each loop claims a message, processes it and claims the next; on graceful shutdown they
/// stop claiming and let the job in flight finish within the grace period, after which its message is released
/// for another worker.
public struct WorkerService: Service {
    private let queue: any JobQueue
    private let processor: PhotoJobProcessor
    private let settings: WorkerSettings
    private let logger: Logger

    /// A service running `settings.concurrency` worker loops.
    public init(queue: any JobQueue, processor: PhotoJobProcessor, settings: WorkerSettings, logger: Logger) {
        self.queue = queue
        self.processor = processor
        self.settings = settings
        self.logger = logger
    }

    /// Runs the loops until shutdown.
    public func run() async throws {
        logger.info("workers started", metadata: ["concurrency": "\(settings.concurrency)", "queue": "\(queue.name)"])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, settings.concurrency) {
                group.addTask { await loop() }
            }
        }
        logger.info("workers stopped")
    }

    private func loop() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let message: ReceivedMessage?
            do {
                message = try await queue.receive(visibilityTimeout: settings.visibilityTimeout)
            } catch {
                logger.error("queue receive failed", metadata: ["error": "\(error)"])
                try? await cancelWhenGracefulShutdown { [settings] in try await Task.sleep(for: settings.pollInterval) }
                continue
            }
            guard let message else {
                try? await cancelWhenGracefulShutdown { [settings] in try await Task.sleep(for: settings.pollInterval) }
                continue
            }
            await handleWithinGrace(message)
        }
    }

    /// Processes `message`; when shutdown starts and the grace period passes first, releases it and returns.
    private func handleWithinGrace(_ message: ReceivedMessage) async {
        let processor = self.processor
        let grace = settings.shutdownGrace
        var watcher: Task<Void, Never>?
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let first = FirstResult(continuation)
            Task {
                _ = await processor.handle(message)
                first.resume(with: true)
            }
            watcher = Task {
                try? await gracefulShutdown()
                if Task.isCancelled { return }
                try? await Task.sleep(for: grace)
                first.resume(with: false)
            }
        }
        watcher?.cancel()
        if !finished {
            logger.warning("shutdown grace passed; releasing the job in flight", metadata: ["message_id": "\(message.id)"])
            try? await queue.release(message, after: .zero, reason: "worker shut down before the job finished")
        }
    }
}

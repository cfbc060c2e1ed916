import JobQueue
import Logging
import ServiceLifecycle

/// Workers as a service: up to `concurrency` jobs at once, received in batches that fill the free slots; on
/// graceful shutdown they stop receiving and let the jobs in flight finish within the grace period, after which
/// their messages are released for another worker.
public struct WorkerService: Service {
    private let queue: any JobQueue
    private let processor: PhotoJobProcessor
    private let settings: WorkerSettings
    private let logger: Logger

    /// A service working on up to `settings.concurrency` jobs at once.
    public init(queue: any JobQueue, processor: PhotoJobProcessor, settings: WorkerSettings, logger: Logger) {
        self.queue = queue
        self.processor = processor
        self.settings = settings
        self.logger = logger
    }

    /// Receives and processes jobs until shutdown: each receive asks for as many messages as there are free
    /// slots, at most `settings.batchSize`, so that no received message waits for a slot while its lease runs.
    public func run() async throws {
        let slots = max(1, settings.concurrency)
        let batchSize = max(1, settings.batchSize)
        logger.info(
            "workers started",
            metadata: ["concurrency": "\(slots)", "batch_size": "\(batchSize)", "queue": "\(queue.name)"])
        let inFlight = JobsInFlight()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let free = slots - inFlight.current
                guard free > 0 else {
                    await inFlight.waitForFreeSlot(of: slots)
                    continue
                }
                let messages: [ReceivedMessage]
                do {
                    messages = try await queue.receive(
                        maximum: min(batchSize, free), visibilityTimeout: settings.visibilityTimeout)
                } catch {
                    logger.error("queue receive failed", metadata: ["error": "\(error)"])
                    await idle()
                    continue
                }
                guard !messages.isEmpty else {
                    await idle()
                    continue
                }
                for message in messages {
                    inFlight.started()
                    group.addTask {
                        await handleWithinGrace(message)
                        inFlight.ended()
                    }
                }
            }
        }
        logger.info("workers stopped")
    }

    /// Waits one poll interval, or less when shutdown starts.
    private func idle() async {
        try? await cancelWhenGracefulShutdown { [settings] in try await Task.sleep(for: settings.pollInterval) }
    }

    /// Processes `message`; when shutdown starts and the grace period passes first, releases it and returns.
    private func handleWithinGrace(_ message: ReceivedMessage) async {
        let grace = settings.shutdownGrace
        _ = await processor.handle(
            message, reason: "worker shut down before the job finished",
            unless: {
                try? await gracefulShutdown()
                try? await Task.sleep(for: grace)
            },
            whenInterrupted: {
                logger.warning(
                    "shutdown grace passed; giving back the job in flight", metadata: ["message_id": "\(message.id)"])
            })
    }
}

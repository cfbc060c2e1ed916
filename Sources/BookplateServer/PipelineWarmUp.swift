import ImagePipeline
import Logging
import PhotoJobs
import ServiceLifecycle

/// Warms the photo pipeline in the background as `serve` or `worker` starts — the image library started, the first
/// model's session opened and run once (``BookplateRuntime/warmUpPipeline()``) — so that the first job or
/// `/v1/remove-background` request does not wait for them; then stays until shutdown, as a service of the group
/// must. When no model can be loaded it logs why and the process goes on: the health checks report the missing
/// file, and jobs fail with the reason as they would have.
public struct PipelineWarmUp: Service {
    private let runtime: BookplateRuntime

    /// A warm-up of `runtime`'s pipeline.
    public init(runtime: BookplateRuntime) {
        self.runtime = runtime
    }

    /// Starts the warm-up off the cooperative pool and waits for the graceful shutdown. The warm-up runs as a task
    /// of its own, not awaited: a worker told to stop while the model still loads must not wait for it.
    public func run() async throws {
        let runtime = self.runtime
        Task {
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = await BlockingWork.run(in: .backgroundPhoto) { Result { try runtime.warmUpPipeline() } }
            switch outcome {
            case .success(let model):
                let milliseconds = Int((clock.now - start).milliseconds.rounded())
                runtime.logger.info("pipeline warmed up", metadata: ["model": "\(model)", "ms": "\(milliseconds)"])
            case .failure(let error):
                runtime.logger.warning("pipeline not warmed up", metadata: ["reason": "\(error)"])
            }
        }
        try? await gracefulShutdown()
    }
}

import ImagePipeline
import TestSupport

/// The pipeline the worker tests run: u2netp without refinement, one inference thread a job, so that jobs side by
/// side share the cores.
enum WorkerPipeline {
    /// A pipeline over the shared u2netp.
    static func u2netp() -> PhotoProcessor {
        PhotoProcessor(
            segmenters: ModelSessions(
                directory: SharedFixtures.models,
                threading: InferenceSession.Threading(intraOpThreads: 1, interOpThreads: 1, allowSpinning: false)),
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: false)]))
    }
}

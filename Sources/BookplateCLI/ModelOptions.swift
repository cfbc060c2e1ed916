import ArgumentParser
import Foundation
import ImagePipeline

/// Where the model files are and how ONNX Runtime runs them; shared by the commands that use models.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .customLong("models-dir"),
        help: "Folder holding the model files (default: $BOOKPLATE_MODELS_DIR, else ./bookplate-data/models).")
    var modelsDirectory: String?

    @Option(
        name: .customLong("intra-op-threads"),
        help: "ONNX Runtime threads inside one operator (0: the cores divided among the photos processed at once).")
    var intraOpThreads: Int = 0

    @Option(name: .customLong("inter-op-threads"), help: "ONNX Runtime threads across operators.")
    var interOpThreads: Int = 1

    /// The resolved models folder.
    var directory: URL {
        if let modelsDirectory { return URL(fileURLWithPath: modelsDirectory) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["BOOKPLATE_MODELS_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        return URL(fileURLWithPath: "bookplate-data/models")
    }

    /// Sessions for `photosAtOnce` photos processed in parallel: unless set, each inference gets its share of the
    /// cores (two photos on two cores run one thread each, which measured faster than two threads each), and
    /// idle threads spin only when one photo runs at a time.
    func sessions(photosAtOnce: Int) -> ModelSessions {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = intraOpThreads > 0 ? intraOpThreads : max(1, cores / max(1, photosAtOnce))
        return ModelSessions(
            directory: directory,
            threading: InferenceSession.Threading(
                intraOpThreads: threads, interOpThreads: interOpThreads, allowSpinning: photosAtOnce == 1))
    }
}

import ImagePipeline

/// The API's synchronous background removal: the service's photo pipeline behind a bounded admission.
public struct BackgroundRemoval: Sendable {
    /// The pipeline whose models and options requests start from.
    public let pipeline: PhotoProcessor
    /// How many photos are processed at once and how many may wait.
    public let admission: ProcessingAdmission

    /// A removal over `pipeline`, admitting through `admission`.
    public init(pipeline: PhotoProcessor, admission: ProcessingAdmission) {
        self.pipeline = pipeline
        self.admission = admission
    }
}

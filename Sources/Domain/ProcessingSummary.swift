/// What processing made of a job's photo, recorded on the job when it completes: the model that produced the mask,
/// the background the book was put on, what the book-outline step did and how long each stage took.
public struct ProcessingSummary: Sendable, Codable, Equatable {
    /// The model whose mask was used.
    public var modelUsed: String
    /// `black`, `white` or `transparent`, as the pipeline chose it.
    public var background: String?
    /// What the book-outline step did, when it ran.
    public var bookOutline: BookOutlineResult?
    /// Milliseconds per pipeline stage, in pipeline order.
    public var stageTimings: [StageTiming]

    /// A summary from its parts.
    public init(
        modelUsed: String, background: String? = nil, bookOutline: BookOutlineResult? = nil,
        stageTimings: [StageTiming] = []
    ) {
        self.modelUsed = modelUsed
        self.background = background
        self.bookOutline = bookOutline
        self.stageTimings = stageTimings
    }
}

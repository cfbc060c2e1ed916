/// What happened to one photo, written as one JSON line by `bookplate process --json`.
public struct PhotoReport: Sendable, Codable, Equatable {
    /// The input file, when the photo came from one.
    public var input: String?
    /// `ok` or `failed`.
    public var status: String = "failed"
    /// Why the photo failed, when it did.
    public var error: ReportedError?
    /// Written files.
    public var outputs: Outputs = Outputs()
    /// Size of the decoded, upright photo.
    public var width: Int?
    /// Height of the decoded, upright photo.
    public var height: Int?
    /// Whether the photo was shrunk on load to fit the limits.
    public var shrunk: Bool?
    /// The subject box of the accepted mask.
    public var subjectBox: SubjectBox?
    /// The subject's brightness by the seed rule.
    public var brightness: Double?
    /// The background used: `black`, `white`, `transparent` or `#RRGGBB`.
    public var background: String?
    /// The accepted mask's book-shape score.
    public var shapeScore: Double?
    /// The model of the accepted attempt.
    public var modelUsed: String?
    /// What the book-outline step did to the accepted attempt's mask.
    public var bookOutline: BookOutlineReport?
    /// Every attempt in order, with its outcome.
    public var attempts: [AttemptReport] = []
    /// Milliseconds per stage.
    public var timings: StageTimings = StageTimings()

    /// An empty report for the given input.
    public init(input: String? = nil) {
        self.input = input
    }

    /// A failure reason with a stable code.
    public struct ReportedError: Sendable, Codable, Equatable {
        /// Stable identifier, for example `dimensions_too_large`.
        public var code: String
        /// A sentence a person can act on.
        public var message: String

        /// A reason from its code and message.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Paths of the files written for the photo.
    public struct Outputs: Sendable, Codable, Equatable {
        /// The composite or cut-out.
        public var image: String?
        /// The mask, with `--mask-only`.
        public var mask: String?
        /// The thumbnail.
        public var thumbnail: String?
    }

    /// One attempt's outcome.
    public struct AttemptReport: Sendable, Codable, Equatable {
        /// The model tried.
        public var model: String
        /// Whether edge refinement was applied.
        public var refined: Bool
        /// `accepted`, `rejected`, `skipped` or `error`.
        public var outcome: String
        /// Stable reason code for anything but `accepted`.
        public var reason: String?
        /// The reason in words; on an accepted attempt, what was undone (refinement the gate refused).
        public var message: String?
        /// The mask's book-shape score, when measured.
        public var shapeScore: Double?
        /// The mask's subject box, when measured.
        public var subjectBox: SubjectBox?
        /// What the book-outline step did, when it ran.
        public var bookOutline: BookOutlineReport?
        /// Milliseconds spent on the attempt.
        public var milliseconds: Double = 0
    }

    /// What the book-outline step did to a mask: `not_needed` (the model's mask is book-shaped already),
    /// `applied` (the book's outline replaced it) or `not_found` (no convincing outline: the model's mask is kept).
    public struct BookOutlineReport: Sendable, Codable, Equatable {
        /// What the step did.
        public var outcome: BookOutlineOutcome
        /// The model's mask's book-shape score.
        public var shapeScoreBefore: Double
        /// The book-shape score of the mask used afterwards.
        public var shapeScoreAfter: Double
        /// The outline's corners in the photo's pixels, clockwise from the top-left, when applied.
        public var corners: [[Double]]?
        /// The share of each side of the outline that runs along a strong edge, when applied from the photo's edges.
        public var sideSupport: [Double]?
        /// True when the outline applied is the photo's own border: the book fills the frame and the model kept only
        /// what is printed on it. Set with `wholePhotoCheck`, absent without it.
        public var fillsFrame: Bool?
        /// With `fillsFrame`, the check that found the book fills the photo.
        public var wholePhotoCheck: WholePhotoCheck?

        /// A report from its parts; `wholePhotoCheck` is given when the whole photo was kept, which sets `fillsFrame`.
        public init(
            outcome: BookOutlineOutcome, shapeScoreBefore: Double, shapeScoreAfter: Double, corners: [[Double]]? = nil,
            sideSupport: [Double]? = nil, wholePhotoCheck: WholePhotoCheck? = nil
        ) {
            self.outcome = outcome
            self.shapeScoreBefore = shapeScoreBefore
            self.shapeScoreAfter = shapeScoreAfter
            self.corners = corners
            self.sideSupport = sideSupport
            self.fillsFrame = wholePhotoCheck.map { _ in true }
            self.wholePhotoCheck = wholePhotoCheck
        }
    }

    /// Milliseconds spent in each stage of the pipeline.
    public struct StageTimings: Sendable, Codable, Equatable {
        /// Reading the input file (by the command that read it).
        public var read: Double = 0
        /// Reading the header and decoding.
        public var decode: Double = 0
        /// Resizing and normalising for the model.
        public var preprocess: Double = 0
        /// ONNX Runtime.
        public var inference: Double = 0
        /// Turning the output into a full-size mask.
        public var postprocess: Double = 0
        /// Looking for the book's outline.
        public var outline: Double = 0
        /// Edge refinement.
        public var refine: Double = 0
        /// The quality gate.
        public var gate: Double = 0
        /// Foreground estimation and compositing.
        public var composite: Double = 0
        /// Encoding the main output.
        public var encode: Double = 0
        /// Making the thumbnail.
        public var thumbnail: Double = 0
        /// Writing files.
        public var write: Double = 0
        /// Everything from decoding to the encoded outputs (reading and writing files are separate).
        public var total: Double = 0
    }
}

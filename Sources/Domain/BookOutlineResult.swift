/// What the book-outline step did to the photo a job processed, with the mask's book-shape score before and after.
public struct BookOutlineResult: Sendable, Codable, Equatable {
    /// What happened.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// The model's mask was book-shaped already.
        case notNeeded = "not_needed"
        /// The book's outline replaced the model's mask.
        case applied
        /// The mask was not book-shaped and no convincing outline was found: the model's mask was kept.
        case notFound = "not_found"
    }

    /// Which check found that the book fills the photo, when the whole photo was kept.
    public enum WholePhotoCheck: String, Sendable, Codable, CaseIterable {
        /// The model kept what is printed on a book or page whose paper runs on to the photo's edges.
        case fullFrame = "full_frame"
        /// A page the model kept out to three of the photo's edges but not past the fourth.
        case runsOffFrame = "runs_off_frame"
        /// The model kept a picture printed on a page that fills the photo.
        case printedPage = "printed_page"
    }

    /// What happened.
    public var outcome: Outcome
    /// The book-shape score of the model's mask.
    public var shapeScoreBefore: Double
    /// The book-shape score of the mask used.
    public var shapeScoreAfter: Double
    /// Whether the book filled the photo, so that the outline applied was the photo's own border (the whole photo
    /// kept) rather than a quadrilateral found in it.
    public var fillsFrame: Bool
    /// With `fillsFrame`, the check that found the book fills the photo; nil otherwise and on jobs recorded before
    /// the checks were named.
    public var wholePhotoCheck: WholePhotoCheck?

    /// A result from its parts.
    public init(
        outcome: Outcome, shapeScoreBefore: Double, shapeScoreAfter: Double, fillsFrame: Bool = false,
        wholePhotoCheck: WholePhotoCheck? = nil
    ) {
        self.outcome = outcome
        self.shapeScoreBefore = shapeScoreBefore
        self.shapeScoreAfter = shapeScoreAfter
        self.fillsFrame = fillsFrame
        self.wholePhotoCheck = wholePhotoCheck
    }
}

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

    /// What happened.
    public var outcome: Outcome
    /// The book-shape score of the model's mask.
    public var shapeScoreBefore: Double
    /// The book-shape score of the mask used.
    public var shapeScoreAfter: Double
    /// Whether the book filled the photo, so that the outline applied was the photo's own border (the whole photo
    /// kept) rather than a quadrilateral found in it.
    public var fillsFrame: Bool

    /// A result from its parts.
    public init(outcome: Outcome, shapeScoreBefore: Double, shapeScoreAfter: Double, fillsFrame: Bool = false) {
        self.outcome = outcome
        self.shapeScoreBefore = shapeScoreBefore
        self.shapeScoreAfter = shapeScoreAfter
        self.fillsFrame = fillsFrame
    }
}

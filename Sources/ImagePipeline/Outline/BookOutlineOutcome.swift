/// What the book-outline step did to a mask; its raw values are the words reports and job records use.
public enum BookOutlineOutcome: String, Sendable, Codable, Equatable, CaseIterable {
    /// The model's mask is book-shaped already.
    case notNeeded = "not_needed"
    /// The book's outline replaced the model's mask.
    case applied
    /// No convincing outline: the model's mask is kept.
    case notFound = "not_found"
}

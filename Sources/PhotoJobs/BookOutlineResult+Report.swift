import Domain
import ImagePipeline

extension BookOutlineResult {
    /// What the pipeline's report says the book-outline step did, as the job record keeps it.
    public init(_ report: PhotoReport.BookOutlineReport) {
        let outcome: Outcome =
            switch report.outcome {
            case .notNeeded: .notNeeded
            case .applied: .applied
            case .notFound: .notFound
            }
        self.init(
            outcome: outcome, shapeScoreBefore: report.shapeScoreBefore, shapeScoreAfter: report.shapeScoreAfter,
            fillsFrame: report.fillsFrame ?? false)
    }
}

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
        let check: WholePhotoCheck? =
            switch report.wholePhotoCheck {
            case .fullFrame: .fullFrame
            case .runsOffFrame: .runsOffFrame
            case .printedPage: .printedPage
            case nil: nil
            }
        self.init(
            outcome: outcome, shapeScoreBefore: report.shapeScoreBefore, shapeScoreAfter: report.shapeScoreAfter,
            fillsFrame: report.fillsFrame ?? false, wholePhotoCheck: check)
    }
}

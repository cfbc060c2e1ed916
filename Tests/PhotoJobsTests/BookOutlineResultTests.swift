import Domain
import ImagePipeline
import PhotoJobs
import Testing

/// The job record keeps what the pipeline's report says the book-outline step did.
@Suite("The book-outline report as the job record keeps it")
struct BookOutlineResultTests {
    @Test("each outcome and both shape scores carry over", arguments: BookOutlineOutcome.allCases)
    func outcomes(outcome: BookOutlineOutcome) {
        let result = BookOutlineResult(
            PhotoReport.BookOutlineReport(outcome: outcome, shapeScoreBefore: 0.61, shapeScoreAfter: 0.97))
        #expect(result.outcome.rawValue == outcome.rawValue)
        #expect(result.shapeScoreBefore == 0.61 && result.shapeScoreAfter == 0.97)
        #expect(!result.fillsFrame && result.wholePhotoCheck == nil)
    }

    @Test("the whole photo kept is recorded with the check that found it; a quadrilateral is not that",
        arguments: WholePhotoCheck.allCases)
    func fillsFrame(check: WholePhotoCheck) {
        let whole = PhotoReport.BookOutlineReport(
            outcome: .applied, shapeScoreBefore: 0.49, shapeScoreAfter: 1,
            corners: [[0, 0], [900, 0], [900, 1200], [0, 1200]], wholePhotoCheck: check)
        let quadrilateral = PhotoReport.BookOutlineReport(
            outcome: .applied, shapeScoreBefore: 0.80, shapeScoreAfter: 0.99,
            corners: [[211, 506], [2276, 108], [2535, 3860], [224, 3705]], sideSupport: [0.9, 0.8, 0.9, 0.7])
        #expect(BookOutlineResult(whole).fillsFrame)
        #expect(BookOutlineResult(whole).wholePhotoCheck?.rawValue == check.rawValue)
        #expect(!BookOutlineResult(quadrilateral).fillsFrame)
        #expect(BookOutlineResult(quadrilateral).wholePhotoCheck == nil)
        #expect(BookOutlineResult(quadrilateral).outcome == .applied)
    }
}

import Domain
import Foundation

/// A photo job as the API shows it.
struct JobResource: Codable, Sendable {
    var id: String
    var bookID: String
    var imageID: String
    var status: JobStatus
    var error: String?
    var modelUsed: String?
    var bookOutline: BookOutlineResult.Outcome?
    var shapeScoreBefore: Double?
    var shapeScoreAfter: Double?
    var bookOutlineFillsFrame: Bool?
    var bookOutlineWholePhotoCheck: BookOutlineResult.WholePhotoCheck?
    var background: String?
    var stageTimingsMS: [String: Double]?
    var processedImageID: String?
    var queueRetryCount: Int
    var processingAttempts: Int
    var createdAt: Date
    var updatedAt: Date
    var completedAt: Date?

    init(_ job: PhotoJob) {
        id = job.id.lowercased
        bookID = job.bookID.lowercased
        imageID = job.requestedPhotoID.lowercased
        status = job.status
        error = job.error
        modelUsed = job.modelUsed
        bookOutline = job.bookOutline?.outcome
        shapeScoreBefore = job.bookOutline?.shapeScoreBefore
        shapeScoreAfter = job.bookOutline?.shapeScoreAfter
        bookOutlineFillsFrame = job.bookOutline?.fillsFrame
        bookOutlineWholePhotoCheck = job.bookOutline?.wholePhotoCheck
        background = job.background
        stageTimingsMS = job.stageTimings.isEmpty
            ? nil : Dictionary(job.stageTimings.map { ($0.stage, $0.milliseconds) }) { first, _ in first }
        processedImageID = job.processedPhotoID?.lowercased
        queueRetryCount = job.queueRetryCount
        processingAttempts = job.processingAttempts
        createdAt = job.createdAt
        updatedAt = job.updatedAt
        completedAt = job.completedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, error, background
        case stageTimingsMS = "stage_timings_ms"
        case bookID = "book_id"
        case imageID = "image_id"
        case modelUsed = "model_used"
        case bookOutline = "book_outline"
        case shapeScoreBefore = "shape_score_before"
        case shapeScoreAfter = "shape_score_after"
        case bookOutlineFillsFrame = "book_outline_fills_frame"
        case bookOutlineWholePhotoCheck = "book_outline_whole_photo_check"
        case processedImageID = "processed_image_id"
        case queueRetryCount = "queue_retry_count"
        case processingAttempts = "processing_attempts"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case completedAt = "completed_at"
    }
}

/// A trigger's answer: the job and whether it was created now.
struct TriggerResource: Codable, Sendable {
    var job: JobResource
    var created: Bool
}

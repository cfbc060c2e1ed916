import Foundation

/// A request to remove the background of a book's photo, and what became of it.
public struct PhotoJob: Sendable, Codable, Equatable {
    /// Stable identifier, also the queue message's `job_id`.
    public var id: UUID
    /// The book.
    public var bookID: UUID
    /// The photo the trigger named; the worker may choose another by the type priority.
    public var requestedPhotoID: UUID
    /// Where the job stands.
    public var status: JobStatus
    /// The last failure reason (truncated to 1,000 characters).
    public var error: String?
    /// The model of the accepted attempt.
    public var modelUsed: String?
    /// What the book-outline step did to the processed photo.
    public var bookOutline: BookOutlineResult?
    /// The background the processed photo was put on, once completed.
    public var background: String?
    /// Milliseconds per pipeline stage of the processing that completed it.
    public var stageTimings: [StageTiming]
    /// The processed photo it produced.
    public var processedPhotoID: UUID?
    /// Failed sends so far (reset on a successful send).
    public var queueRetryCount: Int
    /// Times a worker started the job.
    public var processingAttempts: Int
    /// When the job was written.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it completed.
    public var completedAt: Date?

    /// A job from its parts.
    public init(
        id: UUID, bookID: UUID, requestedPhotoID: UUID, status: JobStatus, error: String? = nil,
        modelUsed: String? = nil, bookOutline: BookOutlineResult? = nil, background: String? = nil,
        stageTimings: [StageTiming] = [], processedPhotoID: UUID? = nil, queueRetryCount: Int = 0,
        processingAttempts: Int = 0, createdAt: Date, updatedAt: Date, completedAt: Date? = nil
    ) {
        self.id = id
        self.bookID = bookID
        self.requestedPhotoID = requestedPhotoID
        self.status = status
        self.error = error
        self.modelUsed = modelUsed
        self.bookOutline = bookOutline
        self.background = background
        self.stageTimings = stageTimings
        self.processedPhotoID = processedPhotoID
        self.queueRetryCount = queueRetryCount
        self.processingAttempts = processingAttempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }

    /// The longest failure reason kept.
    public static let maximumErrorLength = 1000

    /// `message` cut to ``maximumErrorLength`` characters.
    public static func truncatedError(_ message: String) -> String {
        String(message.prefix(maximumErrorLength))
    }
}

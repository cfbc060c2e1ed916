import Domain
import Foundation
import Persistence

/// Completes a job through the photo repository as the worker does, with a processed photo whose file is never
/// stored: for tests of how a completed job's record reads and shows.
public enum CompletedJob {
    /// Starts `job` and records a processed copy of photo `source` of book `bookID` as the primary photo,
    /// completing the job with `summary`; the processed photo.
    @discardableResult
    public static func record(
        _ job: UUID, source: UUID, bookID: UUID, summary: ProcessingSummary, jobs: any JobRepository,
        photos: any PhotoRepository
    ) async throws -> BookPhoto {
        let claim = JobClaim(jobID: job)
        _ = try await jobs.startProcessing(claim, holdFor: .seconds(60))
        let processed = BookPhoto(
            id: UUID(), bookID: bookID, objectKey: "books/\(bookID.lowercased)/processed/\(job.lowercased).png",
            thumbnailKey: nil, contentType: "image/png", sha256: "not stored", width: 1024, height: 1096, byteSize: 1,
            imageType: nil, caption: nil, isPrimary: false, displayOrder: 0, isBackgroundProcessed: true,
            sourcePhotoID: source, createdAt: .now)
        return try await photos.addProcessed(processed, source: source, completing: claim, summary: summary)
    }
}

import Domain
import Foundation

/// The queue message of DESIGN.md §2: `{job_id, book_id, image_id}`.
public struct JobMessage: Sendable, Codable, Equatable {
    /// The job.
    public var jobID: UUID
    /// Its book.
    public var bookID: UUID
    /// The photo the trigger named.
    public var imageID: UUID

    /// A message from its parts.
    public init(jobID: UUID, bookID: UUID, imageID: UUID) {
        self.jobID = jobID
        self.bookID = bookID
        self.imageID = imageID
    }

    /// The message that asks for `job`.
    public init(job: PhotoJob) {
        self.init(jobID: job.id, bookID: job.bookID, imageID: job.requestedPhotoID)
    }

    /// The message a queue body holds; nil when the body is not a job message.
    public init?(decoding body: String) {
        guard let message = try? JSONDecoder().decode(JobMessage.self, from: Data(body.utf8)) else { return nil }
        self = message
    }

    /// Writes the identifiers in lower case.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobID.lowercased, forKey: .jobID)
        try container.encode(bookID.lowercased, forKey: .bookID)
        try container.encode(imageID.lowercased, forKey: .imageID)
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case bookID = "book_id"
        case imageID = "image_id"
    }
}

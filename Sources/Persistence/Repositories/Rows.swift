import Domain
import Foundation

extension Book {
    /// The columns ``init(row:)`` reads.
    static let columns: SQLFragment =
        "id, title, author, isbn, publisher, publication_year, description, price_cents, currency, created_at, updated_at"

    init(row: DatabaseRow) throws {
        self.init(
            id: try row.uuid("id"),
            details: BookDetails(
                title: try row.string("title"), author: try row.optionalString("author"),
                isbn: try row.optionalString("isbn"), publisher: try row.optionalString("publisher"),
                publicationYear: try row.optionalInt("publication_year"),
                description: try row.optionalString("description"), priceCents: try row.optionalInt("price_cents"),
                currency: try row.optionalString("currency")),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension BookPhoto {
    /// The columns ``init(row:)`` reads.
    static let columns: SQLFragment = """
        id, book_id, object_key, thumbnail_key, content_type, sha256, width, height, byte_size, image_type, caption, \
        is_primary, display_order, is_background_processed, source_photo_id, created_at
        """

    init(row: DatabaseRow) throws {
        self.init(
            id: try row.uuid("id"), bookID: try row.uuid("book_id"), objectKey: try row.string("object_key"),
            thumbnailKey: try row.optionalString("thumbnail_key"), contentType: try row.string("content_type"),
            sha256: try row.string("sha256"), width: try row.int("width"), height: try row.int("height"),
            byteSize: try row.int("byte_size"),
            imageType: try row.optionalString("image_type").flatMap(ImageType.init(rawValue:)),
            caption: try row.optionalString("caption"), isPrimary: try row.bool("is_primary"),
            displayOrder: try row.int("display_order"),
            isBackgroundProcessed: try row.bool("is_background_processed"),
            sourcePhotoID: try row.optionalUUID("source_photo_id"), createdAt: try row.date("created_at"))
    }
}

extension PhotoJob {
    /// The columns ``init(row:)`` reads.
    static let columns: SQLFragment = """
        id, book_id, requested_photo_id, status, error, model_used, book_outline, shape_score_before, \
        shape_score_after, book_outline_fills_frame, book_outline_whole_photo_check, background, stage_timings, \
        processed_photo_id, queue_retry_count, processing_attempts, created_at, updated_at, completed_at
        """

    init(row: DatabaseRow) throws {
        self.init(
            id: try row.uuid("id"), bookID: try row.uuid("book_id"),
            requestedPhotoID: try row.uuid("requested_photo_id"),
            status: try row.enumeration("status", as: JobStatus.self), error: try row.optionalString("error"),
            modelUsed: try row.optionalString("model_used"), bookOutline: try Self.bookOutline(row),
            background: try row.optionalString("background"), stageTimings: try Self.stageTimings(row),
            processedPhotoID: try row.optionalUUID("processed_photo_id"),
            queueRetryCount: try row.int("queue_retry_count"), processingAttempts: try row.int("processing_attempts"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            completedAt: try row.optionalDate("completed_at"))
    }

    /// The book-outline columns, when the job recorded them with an outcome this build knows; an outcome or a
    /// whole-photo check written by a newer build reads as absent rather than making the job unreadable.
    private static func bookOutline(_ row: DatabaseRow) throws -> BookOutlineResult? {
        guard let known = try row.describingEnumeration("book_outline", as: BookOutlineResult.Outcome.self) else {
            return nil
        }
        return BookOutlineResult(
            outcome: known, shapeScoreBefore: try row.optionalDouble("shape_score_before") ?? 0,
            shapeScoreAfter: try row.optionalDouble("shape_score_after") ?? 0,
            fillsFrame: try row.optionalBool("book_outline_fills_frame") ?? false,
            wholePhotoCheck: try row.describingEnumeration(
                "book_outline_whole_photo_check", as: BookOutlineResult.WholePhotoCheck.self))
    }

    /// The stage timings column: a JSON array of ``StageTiming``, empty when the job never completed.
    private static func stageTimings(_ row: DatabaseRow) throws -> [StageTiming] {
        guard let text = try row.optionalString("stage_timings") else { return [] }
        guard let timings = try? JSONDecoder().decode([StageTiming].self, from: Data(text.utf8)) else {
            throw DatabaseError.typeMismatch(column: "stage_timings", expected: "a JSON array of stage timings")
        }
        return timings
    }
}

extension APIKey {
    /// The columns ``init(row:)`` reads.
    static let columns: SQLFragment = "id, name, role, created_at, revoked_at"

    init(row: DatabaseRow) throws {
        self.init(
            id: try row.uuid("id"), name: try row.string("name"), role: try row.enumeration("role", as: Role.self),
            createdAt: try row.date("created_at"), revokedAt: try row.optionalDate("revoked_at"))
    }
}

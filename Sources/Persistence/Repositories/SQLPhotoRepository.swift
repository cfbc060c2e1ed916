import Domain
import Foundation

/// ``PhotoRepository`` in SQL that runs on SQLite and PostgreSQL alike.
public struct SQLPhotoRepository: PhotoRepository {
    private let database: any Database

    /// A repository over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// Adds a photo unless its content is already stored for the book.
    public func add(_ photo: BookPhoto, asPrimary: Bool) async throws -> PhotoAddition {
        do {
            return try await database.transaction { executor in
                try await Self.lockPhotos(of: photo.bookID, on: executor)
                if let existing = try await Self.photo(withSHA: photo.sha256, bookID: photo.bookID, on: executor) {
                    return PhotoAddition(photo: existing, created: false)
                }
                let existing = try await Self.photos(of: photo.bookID, on: executor)
                var stored = photo
                stored.displayOrder = (existing.map(\.displayOrder).max() ?? -1) + 1
                stored.isPrimary = false
                try await Self.insert(stored, on: executor)
                if asPrimary || !existing.contains(where: \.isPrimary) {
                    let placements = PhotoOrdering.reordered(existing: existing + [stored], requested: [stored.id])
                    try await Self.apply(placements, on: executor)
                }
                let created = try await Self.photo(stored.id, bookID: stored.bookID, on: executor) ?? stored
                return PhotoAddition(photo: created, created: true)
            }
        } catch DatabaseError.uniqueViolation {
            guard let existing = try await Self.photo(withSHA: photo.sha256, bookID: photo.bookID, on: database) else {
                throw DatabaseError.uniqueViolation("photo \(photo.sha256) of book \(photo.bookID)")
            }
            return PhotoAddition(photo: existing, created: false)
        }
    }

    /// The photo `id` of book `bookID`.
    public func find(_ id: UUID, bookID: UUID) async throws -> BookPhoto? {
        try await Self.photo(id, bookID: bookID, on: database)
    }

    /// The book's photos in display order.
    public func list(bookID: UUID) async throws -> [BookPhoto] {
        try await Self.photos(of: bookID, on: database)
    }

    /// The primary photo of each of `bookIDs` that has one.
    public func primaries(bookIDs: [UUID]) async throws -> [UUID: BookPhoto] {
        guard !bookIDs.isEmpty else { return [:] }
        let photos = try await database.query(
            """
            SELECT \(sql: BookPhoto.columns) FROM book_photos
            WHERE is_primary = \(bind: true) AND book_id IN (\(bindList: bookIDs))
            """
        ).map(BookPhoto.init)
        return Dictionary(photos.map { ($0.bookID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Changes a photo's caption and type.
    public func update(_ id: UUID, bookID: UUID, caption: String?, imageType: ImageType?) async throws -> BookPhoto? {
        try await database.query(
            """
            UPDATE book_photos SET caption = \(bind: caption), image_type = \(bind: imageType)
            WHERE id = \(bind: id) AND book_id = \(bind: bookID) RETURNING \(sql: BookPhoto.columns)
            """
        ).first.map(BookPhoto.init)
    }

    /// Deletes a photo and renumbers the rest; the first remaining one becomes primary if the deleted one was.
    public func delete(_ id: UUID, bookID: UUID) async throws -> BookPhoto? {
        try await database.transaction { executor in
            try await Self.lockPhotos(of: bookID, on: executor)
            guard let deleted = try await Self.photo(id, bookID: bookID, on: executor) else { return nil }
            try await executor.query("DELETE FROM book_photos WHERE id = \(bind: id)")
            let remaining = try await Self.photos(of: bookID, on: executor)
            let primary = deleted.isPrimary ? remaining.first?.id : remaining.first(where: \.isPrimary)?.id
            let placements = PhotoOrdering.reordered(existing: remaining, requested: primary.map { [$0] } ?? [])
            try await Self.apply(placements, on: executor)
            return deleted
        }
    }

    /// Puts the listed photos first, the first one primary.
    public func reorder(bookID: UUID, photoIDs: [UUID]) async throws -> [BookPhoto] {
        try await database.transaction { executor in
            try await Self.lockPhotos(of: bookID, on: executor)
            let existing = try await Self.photos(of: bookID, on: executor)
            try await Self.apply(PhotoOrdering.reordered(existing: existing, requested: photoIDs), on: executor)
            return try await Self.photos(of: bookID, on: executor)
        }
    }

    /// Stores the processed photo first and primary, the source last, and completes the job.
    public func addProcessed(
        _ photo: BookPhoto, source: UUID, completing claim: JobClaim, summary: ProcessingSummary
    ) async throws -> BookPhoto {
        let timings = String(decoding: try JSONEncoder().encode(summary.stageTimings), as: UTF8.self)
        return try await database.transaction { executor in
            try await Self.lockPhotos(of: photo.bookID, on: executor)
            let existing = try await Self.photos(of: photo.bookID, on: executor)
            var stored = photo
            if let duplicate = existing.first(where: { $0.sha256 == photo.sha256 }) {
                stored = duplicate
            } else {
                stored.displayOrder = existing.count
                stored.isPrimary = false
                try await Self.insert(stored, on: executor)
            }
            let placements = PhotoOrdering.afterProcessing(
                existing: existing.filter { $0.id != stored.id } + [stored], processed: stored.id, source: source)
            try await Self.apply(placements, on: executor)
            let now = Date.now
            let completed = try await executor.query(
                """
                UPDATE photo_jobs SET status = \(bind: JobStatus.completed), claim_token = NULL, claimed_until = NULL,
                    model_used = \(bind: summary.modelUsed), book_outline = \(bind: summary.bookOutline?.outcome.rawValue),
                    shape_score_before = \(bind: summary.bookOutline?.shapeScoreBefore),
                    shape_score_after = \(bind: summary.bookOutline?.shapeScoreAfter),
                    book_outline_fills_frame = \(bind: summary.bookOutline?.fillsFrame),
                    book_outline_whole_photo_check = \(bind: summary.bookOutline?.wholePhotoCheck?.rawValue),
                    background = \(bind: summary.background), stage_timings = \(bind: timings),
                    processed_photo_id = \(bind: stored.id), error = NULL, completed_at = \(bind: now),
                    updated_at = \(bind: now)
                WHERE id = \(bind: claim.jobID) AND claim_token = \(bind: claim.token)
                RETURNING id
                """)
            guard !completed.isEmpty else { throw JobClaimLost(jobID: claim.jobID) }
            return try await Self.photo(stored.id, bookID: stored.bookID, on: executor) ?? stored
        }
    }

    /// Locks the book's row until the transaction ends, so that transactions that read its photos and rewrite their
    /// order and primary flag take turns on PostgreSQL, as SQLite's writers do anyway: under READ COMMITTED two
    /// uploads to a new book each saw no primary photo and both became primary.
    private static func lockPhotos(of bookID: UUID, on executor: any SQLExecutor) async throws {
        try await executor.query("SELECT id FROM books WHERE id = \(bind: bookID) \(sql: executor.dialect.forUpdate)")
    }

    private static func insert(_ photo: BookPhoto, on executor: any SQLExecutor) async throws {
        try await executor.query(
            """
            INSERT INTO book_photos (\(sql: BookPhoto.columns)) VALUES (\(bind: photo.id), \(bind: photo.bookID),
                \(bind: photo.objectKey), \(bind: photo.thumbnailKey), \(bind: photo.contentType),
                \(bind: photo.sha256), \(bind: photo.width), \(bind: photo.height), \(bind: photo.byteSize),
                \(bind: photo.imageType), \(bind: photo.caption), \(bind: photo.isPrimary),
                \(bind: photo.displayOrder), \(bind: photo.isBackgroundProcessed), \(bind: photo.sourcePhotoID),
                \(bind: photo.createdAt))
            """)
    }

    private static func apply(_ placements: [PhotoOrdering.Placement], on executor: any SQLExecutor) async throws {
        for placement in placements {
            try await executor.query(
                """
                UPDATE book_photos SET display_order = \(bind: placement.displayOrder),
                    is_primary = \(bind: placement.isPrimary)
                WHERE id = \(bind: placement.photoID)
                """)
        }
    }

    private static func photo(_ id: UUID, bookID: UUID, on executor: any SQLExecutor) async throws -> BookPhoto? {
        try await executor.query(
            "SELECT \(sql: BookPhoto.columns) FROM book_photos WHERE id = \(bind: id) AND book_id = \(bind: bookID)"
        ).first.map(BookPhoto.init)
    }

    private static func photo(withSHA sha256: String, bookID: UUID, on executor: any SQLExecutor) async throws
        -> BookPhoto?
    {
        try await executor.query(
            """
            SELECT \(sql: BookPhoto.columns) FROM book_photos WHERE book_id = \(bind: bookID) AND sha256 = \(bind: sha256)
            """
        ).first.map(BookPhoto.init)
    }

    private static func photos(of bookID: UUID, on executor: any SQLExecutor) async throws -> [BookPhoto] {
        try await executor.query(
            """
            SELECT \(sql: BookPhoto.columns) FROM book_photos WHERE book_id = \(bind: bookID)
            ORDER BY display_order, created_at, id
            """
        ).map(BookPhoto.init)
    }
}

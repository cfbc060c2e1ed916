extension Migration {
    /// Every step of the schema, oldest first. Add new steps at the end; never edit a released one.
    public static let all: [Migration] = [
        createCatalogue, createJobs, createAPIKeys, createQueue, indexQueueOrder, recordBookOutline,
        recordBackgroundAndTimings, createWebSessions, recordBookFillsFrame,
        recordWholePhotoCheck, foldBookSearchText, markEnqueuedJobs, holdProcessingJobs,
    ]

    static let createCatalogue = Migration(
        version: 1, name: "books and their photos",
        statements: [
            """
            CREATE TABLE books (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                author TEXT,
                isbn TEXT,
                publisher TEXT,
                publication_year BIGINT,
                description TEXT,
                price_cents BIGINT,
                currency TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX books_created ON books (created_at, id)",
            """
            CREATE TABLE book_photos (
                id TEXT PRIMARY KEY,
                book_id TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
                object_key TEXT NOT NULL,
                thumbnail_key TEXT,
                content_type TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                width BIGINT NOT NULL,
                height BIGINT NOT NULL,
                byte_size BIGINT NOT NULL,
                image_type TEXT,
                caption TEXT,
                is_primary BOOLEAN NOT NULL,
                display_order BIGINT NOT NULL,
                is_background_processed BOOLEAN NOT NULL,
                source_photo_id TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX book_photos_one_per_content ON book_photos (book_id, sha256)",
            "CREATE INDEX book_photos_order ON book_photos (book_id, display_order)",
        ])

    static let createJobs = Migration(
        version: 2, name: "photo-processing jobs, one active per (book, photo)",
        statements: [
            """
            CREATE TABLE photo_jobs (
                id TEXT PRIMARY KEY,
                book_id TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
                requested_photo_id TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                model_used TEXT,
                processed_photo_id TEXT,
                queue_retry_count BIGINT NOT NULL DEFAULT 0,
                processing_attempts BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                completed_at BIGINT,
                sweep_claimed_until BIGINT
            )
            """,
            """
            CREATE UNIQUE INDEX photo_jobs_one_active ON photo_jobs (book_id, requested_photo_id)
                WHERE status IN ('pending', 'processing')
            """,
            "CREATE INDEX photo_jobs_by_status ON photo_jobs (status, created_at)",
            "CREATE INDEX photo_jobs_by_book ON photo_jobs (book_id, created_at)",
        ])

    static let createAPIKeys = Migration(
        version: 3, name: "API keys, stored hashed",
        statements: [
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """
        ])

    static let createQueue = Migration(
        version: 4, name: "database-backed queue with leases and dead letters",
        statements: [
            """
            CREATE TABLE queue_messages (
                id TEXT PRIMARY KEY,
                queue TEXT NOT NULL,
                body TEXT NOT NULL,
                receive_count BIGINT NOT NULL DEFAULT 0,
                visible_at BIGINT NOT NULL,
                lease_token TEXT,
                sent_at BIGINT NOT NULL,
                dead_lettered_at BIGINT,
                last_error TEXT
            )
            """,
            "CREATE INDEX queue_messages_ready ON queue_messages (queue, dead_lettered_at, visible_at)",
        ])

    /// Lets a receive read the next visible message from an index in delivery order instead of sorting the table.
    static let indexQueueOrder = Migration(
        version: 5, name: "queue index in delivery order",
        statements: [
            "DROP INDEX queue_messages_ready",
            """
            CREATE INDEX queue_messages_delivery_order ON queue_messages (queue, visible_at, sent_at)
            WHERE dead_lettered_at IS NULL
            """,
        ])

    /// What the book-outline step did to a job's photo, with the book-shape score before and after.
    static let recordBookOutline = Migration(
        version: 6, name: "book outline outcome and shape scores on photo jobs",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN book_outline TEXT",
            "ALTER TABLE photo_jobs ADD COLUMN shape_score_before DOUBLE PRECISION",
            "ALTER TABLE photo_jobs ADD COLUMN shape_score_after DOUBLE PRECISION",
        ])

    /// The background a job's photo was put on and the time each pipeline stage took, for the before/after page.
    static let recordBackgroundAndTimings = Migration(
        version: 7, name: "background and stage timings on photo jobs",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN background TEXT",
            "ALTER TABLE photo_jobs ADD COLUMN stage_timings TEXT",
        ])

    /// Web app sign-ins: a session per browser, stored by the hash of its cookie, ended with its key's revocation.
    static let createWebSessions = Migration(
        version: 8, name: "web sessions and API key revocation",
        statements: [
            "ALTER TABLE api_keys ADD COLUMN revoked_at BIGINT",
            """
            CREATE TABLE web_sessions (
                token_hash TEXT PRIMARY KEY,
                api_key_id TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)",
        ])

    /// Whether the book-outline step kept the whole photo because the book filled it; empty on older jobs.
    static let recordBookFillsFrame = Migration(
        version: 9, name: "whether the book filled the photo, on photo jobs",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN book_outline_fills_frame BOOLEAN",
        ])

    /// Which whole-photo check kept the whole photo; empty on other outcomes and on older jobs.
    static let recordWholePhotoCheck = Migration(
        version: 10, name: "which check found the book fills the photo, on photo jobs",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN book_outline_whole_photo_check TEXT",
        ])

    /// The folded title and author that searches read (`BookSearchText`), filled for the books already there.
    static let foldBookSearchText = Migration(
        version: 11, name: "a folded search text on books",
        statements: [
            "ALTER TABLE books ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
        ],
        backfill: BookSearchText.backfill)

    /// When a job's message reached the queue (the outbox mark); the jobs already there count as sent unless their
    /// send failed.
    static let markEnqueuedJobs = Migration(
        version: 12, name: "when each photo job's message reached the queue",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN sent_at BIGINT",
            "UPDATE photo_jobs SET sent_at = updated_at WHERE status <> 'queue_failed'",
        ])

    /// Which worker holds each processing job and until when, so that a second delivery of its message waits
    /// instead of processing it beside the first.
    static let holdProcessingJobs = Migration(
        version: 13, name: "the worker holding each processing job, and until when",
        statements: [
            "ALTER TABLE photo_jobs ADD COLUMN claim_token TEXT",
            "ALTER TABLE photo_jobs ADD COLUMN claimed_until BIGINT",
        ])
}

import Domain
import Foundation
import Persistence

/// ``JobQueue`` in the database's `queue_messages` table, on SQLite or PostgreSQL. Claims are single statements
/// (with `FOR UPDATE SKIP LOCKED` on PostgreSQL), so concurrent consumers never receive the same lease.
public struct DatabaseJobQueue: JobQueue {
    /// The queue's name; several queues can share the table.
    public let name: String
    /// Receives after which a message is dead-lettered instead of delivered.
    public let maximumReceiveCount: Int
    private let database: any Database

    /// A queue named `name` in `database`.
    public init(database: any Database, name: String = "photo-jobs", maximumReceiveCount: Int = 5) {
        self.database = database
        self.name = name
        self.maximumReceiveCount = maximumReceiveCount
    }

    /// Sends a message, visible at once.
    public func send(_ message: JobMessage) async throws {
        try await send([message])
    }

    /// Sends messages in one statement, visible at once (like SQS, no order is promised within a batch).
    public func send(_ messages: [JobMessage]) async throws {
        guard !messages.isEmpty else { return }
        let now = Date.now
        let encoder = JSONEncoder()
        var statement: SQLStatement = "INSERT INTO queue_messages (id, queue, body, receive_count, visible_at, sent_at) VALUES "
        for (index, message) in messages.enumerated() {
            let body = String(decoding: try encoder.encode(message), as: UTF8.self)
            statement.append(
                "\(sql: index == 0 ? "" : ", ")(\(bind: UUID()), \(bind: name), \(bind: body), 0, \(bind: now), \(bind: now))")
        }
        try await database.query(statement)
    }

    /// Takes the next visible message, dead-lettering any that has been received too often.
    public func receive(visibilityTimeout: Duration) async throws -> ReceivedMessage? {
        try await receive(maximum: 1, visibilityTimeout: visibilityTimeout).first
    }

    /// Takes up to `maximum` visible messages under one lease token; messages received more often than the
    /// maximum receive count are dead-lettered on the way instead of returned.
    public func receive(maximum: Int, visibilityTimeout: Duration) async throws -> [ReceivedMessage] {
        while true {
            let now = Date.now
            let token = UUID().lowercased
            let rows = try await database.query(
                """
                UPDATE queue_messages SET receive_count = receive_count + 1,
                    visible_at = \(bind: now.adding(visibilityTimeout)), lease_token = \(bind: token)
                WHERE id IN (SELECT id FROM queue_messages WHERE queue = \(bind: name) AND dead_lettered_at IS NULL
                    AND visible_at <= \(bind: now) ORDER BY visible_at, sent_at LIMIT \(bind: max(1, maximum))
                    \(sql: database.dialect.forUpdateSkipLocked))
                RETURNING id, body, receive_count, lease_token, sent_at
                """)
            guard !rows.isEmpty else { return [] }
            var messages: [(sentAt: Int, message: ReceivedMessage)] = []
            for row in rows {
                let body = try row.string("body")
                let message = ReceivedMessage(
                    id: try row.string("id"), body: JobMessage(decoding: body),
                    rawBody: body, receiveCount: try row.int("receive_count"), leaseToken: token)
                if message.receiveCount > maximumReceiveCount {
                    try await deadLetter(message)
                } else {
                    messages.append((try row.int("sent_at"), message))
                }
            }
            if !messages.isEmpty { return messages.sorted { $0.sentAt < $1.sentAt }.map(\.message) }
        }
    }

    private func deadLetter(_ message: ReceivedMessage) async throws {
        try await database.query(
            """
            UPDATE queue_messages SET dead_lettered_at = \(bind: Date.now), lease_token = NULL,
                receive_count = receive_count - 1
            WHERE id = \(bind: message.id) AND lease_token = \(bind: message.leaseToken)
            """)
    }

    /// Extends a held lease.
    public func extendLease(_ message: ReceivedMessage, by duration: Duration) async throws -> Bool {
        try await !database.query(
            """
            UPDATE queue_messages SET visible_at = \(bind: Date.now.adding(duration))
            WHERE id = \(bind: message.id) AND lease_token = \(bind: message.leaseToken) AND dead_lettered_at IS NULL
            RETURNING id
            """
        ).isEmpty
    }

    /// Deletes a finished message.
    @discardableResult
    public func acknowledge(_ message: ReceivedMessage) async throws -> Bool {
        try await acknowledge([message]) == 1
    }

    /// Deletes done messages, one statement per lease token; how many were still leased under their token.
    public func acknowledge(_ messages: [ReceivedMessage]) async throws -> Int {
        var deleted = 0
        for (token, leased) in Dictionary(grouping: messages, by: \.leaseToken) {
            deleted += try await database.query(
                """
                DELETE FROM queue_messages WHERE lease_token = \(bind: token) AND id IN (\(bindList: leased.map(\.id)))
                RETURNING id
                """
            ).count
        }
        return deleted
    }

    /// Gives a message back for redelivery after `delay`.
    public func release(_ message: ReceivedMessage, after delay: Duration, reason: String) async throws {
        try await database.query(
            """
            UPDATE queue_messages SET visible_at = \(bind: Date.now.adding(delay)), lease_token = NULL,
                last_error = \(bind: String(reason.prefix(1000)))
            WHERE id = \(bind: message.id) AND lease_token = \(bind: message.leaseToken)
            """)
    }

    /// Marks a held message dead-lettered with its reason.
    @discardableResult
    public func deadLetter(_ message: ReceivedMessage, reason: String) async throws -> Bool {
        try await !database.query(
            """
            UPDATE queue_messages SET dead_lettered_at = \(bind: Date.now), lease_token = NULL,
                last_error = \(bind: String(reason.prefix(1000)))
            WHERE id = \(bind: message.id) AND lease_token = \(bind: message.leaseToken) AND dead_lettered_at IS NULL
            RETURNING id
            """
        ).isEmpty
    }

    /// The dead-lettered messages, oldest first.
    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        try await database.query(
            """
            SELECT id, body, receive_count, last_error, dead_lettered_at FROM queue_messages
            WHERE queue = \(bind: name) AND dead_lettered_at IS NOT NULL
            ORDER BY dead_lettered_at, id LIMIT \(bind: limit)
            """
        ).map(Self.deadLetter(row:))
    }

    /// Moves a dead-lettered message back into the queue.
    public func replay(deadLetter id: String) async throws -> DeadLetter? {
        guard let row = try await database.query(
            """
            UPDATE queue_messages SET dead_lettered_at = NULL, receive_count = 0, lease_token = NULL,
                visible_at = \(bind: Date.now)
            WHERE id = \(bind: id) AND queue = \(bind: name) AND dead_lettered_at IS NOT NULL
            RETURNING id, body, receive_count, last_error, \(bind: Date.now) AS dead_lettered_at
            """
        ).first else { return nil }
        return try Self.deadLetter(row: row)
    }

    /// Counts by state.
    public func statistics() async throws -> QueueStatistics {
        let now = Date.now
        let row = try await database.query(
            """
            SELECT
                SUM(CASE WHEN dead_lettered_at IS NULL AND (lease_token IS NULL OR visible_at <= \(bind: now))
                    THEN 1 ELSE 0 END) AS depth,
                SUM(CASE WHEN dead_lettered_at IS NULL AND lease_token IS NOT NULL AND visible_at > \(bind: now)
                    THEN 1 ELSE 0 END) AS in_flight,
                SUM(CASE WHEN dead_lettered_at IS NOT NULL THEN 1 ELSE 0 END) AS dead_lettered
            FROM queue_messages WHERE queue = \(bind: name)
            """
        ).first
        return QueueStatistics(
            depth: try row?.optionalInt("depth") ?? 0, inFlight: try row?.optionalInt("in_flight") ?? 0,
            deadLettered: try row?.optionalInt("dead_lettered") ?? 0)
    }

    private static func deadLetter(row: DatabaseRow) throws -> DeadLetter {
        let body = try row.string("body")
        return DeadLetter(
            id: try row.string("id"), message: JobMessage(decoding: body),
            rawBody: body, receiveCount: try row.int("receive_count"), lastError: try row.optionalString("last_error"),
            deadLetteredAt: try row.date("dead_lettered_at"))
    }
}

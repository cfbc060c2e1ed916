import Foundation
import Logging
import SQLiteNIO
import ServiceLifecycle

/// A SQLite file behind one connection in WAL mode; statements and transactions take turns, and other processes
/// sharing the file wait for the write lock instead of failing.
public final class SQLiteDatabase: Database {
    /// Always ``SQLDialect/sqlite``.
    public let dialect = SQLDialect.sqlite
    private let connection: SQLiteConnection
    private let lock = AsyncLock()

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Opens (creating when needed) the database file at `path`, with its folder.
    public static func open(path: String, logger: Logger) async throws -> SQLiteDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let database = SQLiteDatabase(connection: connection)
        for pragma in ["PRAGMA busy_timeout = 15000", "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON",
                       "PRAGMA synchronous = NORMAL"] {
            try await database.query(SQLStatement(stringLiteral: pragma))
        }
        return database
    }

    /// Runs one statement on its own.
    @discardableResult
    public func query(_ statement: SQLStatement) async throws -> [DatabaseRow] {
        try await lock.withLock { try await Self.run(statement, on: self.connection) }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, holding the write lock from the start.
    public func transaction<Result: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> Result)
        async throws -> Result
    {
        try await lock.withLock {
            let executor = Transaction(connection: self.connection)
            try await Self.run("BEGIN IMMEDIATE", on: self.connection)
            do {
                let result = try await body(executor)
                try await Self.run("COMMIT", on: self.connection)
                return result
            } catch {
                _ = try? await Self.run("ROLLBACK", on: self.connection)
                throw error
            }
        }
    }

    /// Keeps the connection open until shutdown or cancellation, then closes it.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Closes the connection; later statements fail. Runs to the end even when the caller is cancelled.
    public func close() async {
        let connection = self.connection
        let lock = self.lock
        await Task { try? await lock.withLock { try await connection.close() } }.value
    }

    private struct Transaction: SQLExecutor {
        let dialect = SQLDialect.sqlite
        let connection: SQLiteConnection

        @discardableResult
        func query(_ statement: SQLStatement) async throws -> [DatabaseRow] {
            try await SQLiteDatabase.run(statement, on: connection)
        }
    }

    @discardableResult
    fileprivate static func run(_ statement: SQLStatement, on connection: SQLiteConnection) async throws
        -> [DatabaseRow]
    {
        let binds = statement.binds.map(Self.sqliteData)
        do {
            let rows = try await connection.query(Self.sqliteText(statement.sql), binds)
            return rows.map { row in
                DatabaseRow(values: Dictionary(row.columns.map { ($0.name, Self.value($0.data)) }) { first, _ in first })
            }
        } catch let error as SQLiteError {
            if error.message.contains("UNIQUE constraint failed") { throw DatabaseError.uniqueViolation(error.message) }
            throw DatabaseError.driver(error.message)
        }
    }

    /// `$n` placeholders become SQLite's `?n`.
    static func sqliteText(_ sql: String) -> String {
        var text = ""
        text.reserveCapacity(sql.utf8.count)
        var iterator = sql.makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if character == "$", let next = pending, next.isASCII, next.isNumber {
                text.append("?")
            } else {
                text.append(character)
            }
        }
        return text
    }

    private static func sqliteData(_ value: DatabaseValue) -> SQLiteData {
        switch value {
        case .null: .null
        case .integer(let number): .integer(SQLiteInt64(number))
        case .real(let number): .float(number)
        case .text(let text): .text(text)
        case .boolean(let flag): .integer(flag ? 1 : 0)
        }
    }

    private static func value(_ data: SQLiteData) -> DatabaseValue {
        switch data {
        case .null: .null
        case .integer(let number): .integer(Int64(number))
        case .float(let number): .real(number)
        case .text(let text): .text(text)
        case .blob(let buffer): .text(String(buffer: buffer))
        }
    }
}

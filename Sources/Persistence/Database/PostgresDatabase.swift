import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// A PostgreSQL server through PostgresNIO's connection pool. It is a service: the pool runs while the service
/// group runs it. Getting a connection has a deadline: when the server is down or does not accept one in time, the
/// call fails with ``DatabaseError/unavailable(_:)`` instead of waiting for the pool; for a second after such a
/// failure, calls fail at once the same way, so that a request making several calls is not held once per call, and
/// then they try the server again. A statement that is running on a connection is not cut short.
public final class PostgresDatabase: Database {
    /// Always ``SQLDialect/postgres``.
    public let dialect = SQLDialect.postgres
    /// How long a call may wait for a connection.
    public let timeout: Duration
    private let client: PostgresClient
    private let logger: Logger
    private let unavailableUntil = Mutex<ContinuousClock.Instant?>(nil)

    /// A pool for the server `configuration` names.
    public init(configuration: PostgresClient.Configuration, timeout: Duration = .seconds(2), logger: Logger) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.timeout = timeout
        self.logger = logger
    }

    /// Runs the pool until the task is cancelled.
    public func run() async throws {
        await client.run()
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ statement: SQLStatement) async throws -> [DatabaseRow] {
        try await withConnection { [logger] connection in
            try await Self.translatingErrors {
                try await Self.collect(try await connection.query(Self.postgresQuery(statement), logger: logger))
            }
        }
    }

    /// Runs `body` in a transaction on one pooled connection.
    public func transaction<Result: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> Result)
        async throws -> Result
    {
        try await withConnection { [logger] connection in
            try await Self.translatingErrors { try await connection.query("BEGIN", logger: logger) }
            do {
                let result = try await body(Transaction(connection: connection, logger: logger))
                try await Self.translatingErrors { try await connection.query("COMMIT", logger: logger) }
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs `body` on a pooled connection, failing as unavailable when none comes within ``timeout``.
    private func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        if let until = unavailableUntil.withLock({ $0 }), ContinuousClock.now < until {
            throw DatabaseError.unavailable("PostgreSQL could not be reached a moment ago")
        }
        let leased = LeaseFlag()
        let timeout = self.timeout
        do {
            return try await Deadline.run(
                within: timeout, expired: { DatabaseError.unavailable("no PostgreSQL connection within \(timeout)") },
                stillWanted: { leased.isSet }
            ) { [client] in
                try await Self.translatingErrors {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    }
                }
            }
        } catch DatabaseError.unavailable(let reason) {
            unavailableUntil.withLock { $0 = ContinuousClock.now + .seconds(1) }
            throw DatabaseError.unavailable(reason)
        }
    }

    /// Nothing to do: the pool closes when its service ends.
    public func close() async {}

    private struct Transaction: SQLExecutor {
        let dialect = SQLDialect.postgres
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func query(_ statement: SQLStatement) async throws -> [DatabaseRow] {
            try await PostgresDatabase.translatingErrors {
                try await PostgresDatabase.collect(
                    try await connection.query(PostgresDatabase.postgresQuery(statement), logger: logger))
            }
        }
    }

    fileprivate static func postgresQuery(_ statement: SQLStatement) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: statement.binds.count)
        for value in statement.binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .boolean(let flag): bindings.append(flag)
            }
        }
        return PostgresQuery(unsafeSQL: statement.sql, binds: bindings)
    }

    fileprivate static func collect(_ rows: PostgresRowSequence) async throws -> [DatabaseRow] {
        var result: [DatabaseRow] = []
        for try await row in rows {
            var values: [String: DatabaseValue] = [:]
            for cell in row {
                values[cell.columnName] = try value(of: cell)
            }
            result.append(DatabaseRow(values: values))
        }
        return result
    }

    private static func value(of cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .boolean(try cell.decode(Bool.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    @discardableResult
    fileprivate static func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError {
            guard let server = error.serverInfo else {
                throw DatabaseError.unavailable("PostgreSQL cannot be reached: \(error.code)")
            }
            let message = server[.message] ?? "\(error.code)"
            if server[.sqlState] == "23505" { throw DatabaseError.uniqueViolation(message) }
            throw DatabaseError.driver(message)
        }
    }
}

/// Whether a call got its connection, set once by the call and read by its deadline.
private final class LeaseFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}

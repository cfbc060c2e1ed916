import ServiceLifecycle

/// Runs statements: a database, or one transaction of it.
public protocol SQLExecutor: Sendable {
    /// The engine's dialect.
    var dialect: SQLDialect { get }
    /// Runs one statement and returns its rows (none for statements without results).
    @discardableResult
    func query(_ statement: SQLStatement) async throws -> [DatabaseRow]
}

/// A database the repositories use: statements and transactions. As a service it holds its connections open
/// while the service group runs and closes them at shutdown.
public protocol Database: SQLExecutor, Service {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> Result) async throws
        -> Result
    /// Closes the connections.
    func close() async
}

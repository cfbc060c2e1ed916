import Foundation
import Logging
import Persistence
import PostgresNIO

/// The two engines tests run against: a SQLite file in a temporary folder, and a fresh database on the
/// PostgreSQL server that the test command starts on loopback (`BOOKPLATE_TEST_POSTGRES_URL`).
public enum DatabaseEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite
    /// A database of its own on the test PostgreSQL server.
    case postgres

    /// The engine's name.
    public var description: String { rawValue }

    /// An empty database of this engine, with its address; migrated unless `migrated` is false.
    public func makeDatabase(migrated: Bool = true) async throws -> TestDatabase {
        switch self {
        case .sqlite:
            let folder = try TemporaryFolder()
            let url = "sqlite:\(folder.url.path)/test.sqlite"
            return try await TestDatabase.open(url: url, folder: folder, migrate: migrated)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["BOOKPLATE_TEST_POSTGRES_URL"] else {
                throw TestSetupError(
                    "BOOKPLATE_TEST_POSTGRES_URL is not set: run the suite with scripts/test, which starts PostgreSQL")
            }
            let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try await TestDatabase.open(url: server, folder: nil, migrate: false)
            try await admin.database.query(SQLStatement(stringLiteral: "CREATE DATABASE \(name)"))
            await admin.shutdown()
            guard let base = URL(string: server) else { throw TestSetupError("bad BOOKPLATE_TEST_POSTGRES_URL") }
            let url = base.deletingLastPathComponent().appendingPathComponent(name).absoluteString
            return try await TestDatabase.open(url: url, folder: nil, migrate: migrated)
        }
    }
}

/// A database opened for one test, with its service running; ``shutdown()`` closes it.
public struct TestDatabase: Sendable {
    /// The database.
    public let database: any Database
    /// Its address, for child processes.
    public let url: String
    /// The folder holding a SQLite file, kept until the test ends.
    public let folder: TemporaryFolder?
    private let runner: Task<Void, Never>

    static func open(url: String, folder: TemporaryFolder?, migrate: Bool = true) async throws -> TestDatabase {
        var logger = Logger(label: "test-database")
        logger.logLevel = .error
        let database = try await DatabaseLocation(url: url).open(logger: logger, timeout: .seconds(15))
        let runner = Task { _ = try? await database.run() }
        let opened = TestDatabase(database: database, url: url, folder: folder, runner: runner)
        if migrate { try await Migrator(database: database).migrate() }
        return opened
    }

    /// Stops the database's service and closes its connections.
    public func shutdown() async {
        runner.cancel()
        await runner.value
        await database.close()
    }
}

/// Runs `body` with a fresh database of `engine`, migrated unless `migrated` is false, shutting it down afterwards.
public func withDatabase<Result: Sendable>(
    _ engine: DatabaseEngine, migrated: Bool = true, _ body: @Sendable (TestDatabase) async throws -> Result
) async throws -> Result {
    let database = try await engine.makeDatabase(migrated: migrated)
    do {
        let result = try await body(database)
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw error
    }
}

/// A test could not be set up.
public struct TestSetupError: Error, CustomStringConvertible {
    /// What is missing.
    public let description: String

    /// An error with its reason.
    public init(_ description: String) {
        self.description = description
    }
}

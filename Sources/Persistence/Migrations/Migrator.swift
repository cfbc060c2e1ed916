import Foundation

/// Applies the numbered migrations a database lacks, each in its own transaction, and reports the version.
public struct Migrator: Sendable {
    /// The database to migrate.
    public let database: any Database
    /// The steps known to this build.
    public let migrations: [Migration]

    /// A migrator for `database` with every known step.
    public init(database: any Database, migrations: [Migration] = Migration.all) {
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The newest version this build knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies what is missing; returns the versions applied now. Safe to run from several processes at once.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await database.transaction { executor in
            try await Self.lock(executor)
            try await executor.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            )
        }
        var applied: [Int] = []
        for migration in migrations {
            let ran = try await database.transaction { executor in
                try await Self.lock(executor)
                let rows = try await executor.query(
                    "SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)")
                guard rows.isEmpty else { return false }
                for statement in migration.statements {
                    try await executor.query(statement)
                }
                try await migration.backfill?(executor)
                try await executor.query(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date()))
                    """)
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// Holds PostgreSQL's migration lock until the transaction ends, so that processes starting together take
    /// turns, also at the first `CREATE TABLE IF NOT EXISTS`, which PostgreSQL does not make safe to race. SQLite's
    /// write transactions take turns by themselves.
    private static func lock(_ executor: any SQLExecutor) async throws {
        if executor.dialect == .postgres {
            try await executor.query("SELECT pg_advisory_xact_lock(727274)")
        }
    }

    /// The highest version applied, 0 on an empty database.
    public func appliedVersion() async throws -> Int {
        let exists = try await tableExists("schema_migrations")
        guard exists else { return 0 }
        let rows = try await database.query("SELECT MAX(version) AS version FROM schema_migrations")
        return try rows.first?.optionalInt("version") ?? 0
    }

    private func tableExists(_ name: String) async throws -> Bool {
        let statement: SQLStatement =
            switch database.dialect {
            case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
            case .postgres: "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = \(bind: name)"
            }
        return try await !database.query(statement).isEmpty
    }
}

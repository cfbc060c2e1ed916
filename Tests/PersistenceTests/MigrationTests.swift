import Persistence
import TestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("apply once, report the version, and are safe to run again and concurrently", arguments: DatabaseEngine.allCases)
    func idempotent(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let migrator = Migrator(database: test.database)
            #expect(try await migrator.appliedVersion() == migrator.latestVersion)
            async let first = migrator.migrate()
            async let second = migrator.migrate()
            let applied = try await (first, second)
            #expect(applied.0.isEmpty && applied.1.isEmpty)
            #expect(migrator.latestVersion == Migration.all.map(\.version).max())
        }
    }

    /// PostgreSQL does not make two `CREATE TABLE IF NOT EXISTS` of one table safe to race (a duplicate key in
    /// `pg_type`), so processes starting together on a new database take turns from the first statement on.
    @Test("four migrators starting together on an empty database apply each step once", arguments: DatabaseEngine.allCases)
    func concurrentFromEmpty(engine: DatabaseEngine) async throws {
        try await withDatabase(engine, migrated: false) { test in
            let migrator = Migrator(database: test.database)
            #expect(try await migrator.appliedVersion() == 0)
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 { group.addTask { try await migrator.migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == Migration.all.map(\.version).sorted())
            #expect(try await migrator.appliedVersion() == migrator.latestVersion)
        }
    }
}

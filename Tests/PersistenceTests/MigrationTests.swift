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
}

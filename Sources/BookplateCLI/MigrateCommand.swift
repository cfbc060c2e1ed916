import ArgumentParser
import BookplateServer
import Persistence

/// `bookplate migrate`: applies missing numbered migrations and prints the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply database migrations.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let runtime = try await options.openRuntime()
        let migrator = Migrator(database: runtime.database)
        let (applied, version) = try await runtime.withDatabaseRunning {
            (try await migrator.migrate(), try await migrator.appliedVersion())
        }
        let list = applied.isEmpty ? "none" : applied.map(String.init).joined(separator: ", ")
        print("applied: \(list); schema version \(version)")
    }
}

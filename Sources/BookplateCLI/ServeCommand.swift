import ArgumentParser
import BookplateServer
import Hummingbird

/// `bookplate serve`: the HTTP API, the workers and the retry sweeper in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the API, workers and scheduler (SQLite, local photos and the database queue by default).")

    @OptionGroup var options: ServerOptions
    @Option(help: "Address to bind (default 127.0.0.1).") var host: String?
    @Option(help: "Port to bind (default 8080; 0 picks a free one).") var port: Int?
    @Flag(help: "Run the API only, without workers.") var noWorkers = false

    func run() async throws {
        let runtime = try await options.openRuntime(adding: ["http.host": host, "http.port": port.map(String.init)])
        let application = buildApplication(runtime: runtime, roles: ServeRoles(workers: !noWorkers, sweeper: true))
        try await application.runService()
    }
}

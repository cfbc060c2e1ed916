import ArgumentParser
import BookplateServer
import Foundation
import Logging

/// Options shared by the service commands; each overrides the matching `BOOKPLATE_*` variable and config-file key.
struct ServerOptions: ParsableArguments {
    @Option(help: "JSON configuration file (also $BOOKPLATE_CONFIG_FILE).") var config: String?
    @Option(name: .customLong("data-dir"), help: "Data folder (default ./bookplate-data).") var dataDirectory: String?
    @Option(name: .customLong("database-url"), help: "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.")
    var databaseURL: String?
    @Option(name: .customLong("models-dir"), help: "Folder of the model files (default DATA/models).")
    var modelsDirectory: String?
    @Option(help: "Attempt list, e.g. 'u2net+refine,u2net+refine,isnet-general-use'.") var attempts: String?
    @Option(name: .customLong("log-level"), help: "trace | debug | info | notice | warning | error.") var logLevel: String?

    /// Extra dotted keys a command adds (host and port for `serve`).
    func overrides(adding extra: [String: String?] = [:]) -> [String: String] {
        let values: [String: String?] = [
            "config": config, "data.dir": dataDirectory, "database.url": databaseURL, "models.dir": modelsDirectory,
            "pipeline.attempts": attempts, "log.level": logLevel,
        ].merging(extra) { _, new in new }
        return values.compactMapValues { $0 }
    }

    /// Reads the settings, sets up logging and opens the runtime.
    func openRuntime(adding extra: [String: String?] = [:]) async throws -> BookplateRuntime {
        let reader = try await ConfigurationSources.reader(
            overrides: overrides(adding: extra), environment: ProcessInfo.processInfo.environment)
        let settings = try ServerSettings(config: reader)
        var logger = Logger(label: "bookplate")
        logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
        return try await BookplateRuntime.open(settings: settings, logger: logger)
    }
}

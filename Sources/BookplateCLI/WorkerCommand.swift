import ArgumentParser
import BookplateServer
import Logging
import ServiceLifecycle

/// `bookplate worker`: workers only, until SIGTERM or SIGINT.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run photo workers only, against the configured database and queue.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let runtime = try await options.openRuntime()
        let workers = AfterPreparation(runtime.workerService(), after: Preparation(runtime: runtime))
        let warmUp: [any Service] = runtime.settings.preloadPipeline ? [PipelineWarmUp(runtime: runtime)] : []
        let group = ServiceGroup(
            configuration: .init(
                services: (runtime.databaseServices + warmUp + [workers]).map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup)
                },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger))
        try await group.run()
    }
}

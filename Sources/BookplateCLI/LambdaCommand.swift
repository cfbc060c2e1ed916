import ArgumentParser
import BookplateServer
import Foundation
import LambdaWorker

/// `bookplate lambda`: the worker function as an AWS Lambda custom runtime. It initialises once (configuration,
/// database pool and migrations, object store, the first model's session), reporting a failure through the
/// runtime API's `init/error`, then handles invocations until the environment ends. Chosen by itself when
/// `AWS_LAMBDA_RUNTIME_API` is set and no command is given.
struct LambdaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda",
        abstract: "Run as the AWS Lambda worker function: SQS batches of jobs, the retry sweep and the smoke test.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        guard let address = ProcessInfo.processInfo.environment["AWS_LAMBDA_RUNTIME_API"], !address.isEmpty else {
            throw ValidationError("AWS_LAMBDA_RUNTIME_API is not set: run this under AWS Lambda or its emulator")
        }
        let api = LambdaRuntimeAPI(address: address)
        let runtime: BookplateRuntime
        do {
            runtime = try await options.openRuntime()
        } catch {
            try await api.failInitialisation(error)
            throw ExitCode.failure
        }
        try await runtime.withDatabaseRunning {
            do {
                try await runtime.prepare()
                try runtime.warmUpPipeline()
            } catch {
                runtime.logger.error("initialisation failed", metadata: ["error": "\(error)"])
                try await api.failInitialisation(error)
                throw ExitCode.failure
            }
            let handler = LambdaHandler(
                processor: runtime.photoJobProcessor(), sweeper: runtime.sweeper, version: BookplateVersion.version,
                jobBudget: runtime.settings.lambdaJobBudget, logger: runtime.logger)
            try await LambdaRuntimeLoop(api: api, handler: handler, logger: runtime.logger).run()
        }
    }
}

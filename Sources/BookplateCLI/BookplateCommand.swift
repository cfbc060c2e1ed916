import ArgumentParser
import Foundation

/// The `bookplate` command and its subcommands.
public struct BookplateCommand: AsyncParsableCommand {
    /// Names the subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "bookplate",
        abstract: "Bookplate: background removal and catalogue photos for booksellers.",
        subcommands: [
            ProcessCommand.self, ModelsCommand.self, ServeCommand.self, WorkerCommand.self, MigrateCommand.self,
            RetryQueueFailedCommand.self, SmokeTestCommand.self, KeysCommand.self, LambdaCommand.self,
        ]
    )

    /// Creates the command; ArgumentParser fills it in.
    public init() {}
}

extension BookplateCommand {
    /// Parses the process's arguments and runs the chosen subcommand, asynchronously; with no arguments under
    /// AWS Lambda (`AWS_LAMBDA_RUNTIME_API` set) that is `lambda`.
    public static func start() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty, ProcessInfo.processInfo.environment["AWS_LAMBDA_RUNTIME_API"] != nil {
            arguments = ["lambda"]
        }
        await BookplateCommand.main(arguments)
    }
}

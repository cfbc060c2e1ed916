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
    /// AWS Lambda (`AWS_LAMBDA_RUNTIME_API` set) that is `lambda`. A command that succeeds ends the process with
    /// its output flushed but without the libraries' exit-time destructors: a shutdown whose grace period ran out
    /// leaves the photo it gave back, or the pipeline's warm-up, running on another thread inside ONNX Runtime or
    /// libvips, and tearing those down under it ended a worker stopped by SIGTERM with signal 11, not 0.
    public static func start() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty, ProcessInfo.processInfo.environment["AWS_LAMBDA_RUNTIME_API"] != nil {
            arguments = ["lambda"]
        }
        await BookplateCommand.main(arguments)
        fflush(nil)
        _exit(0)
    }
}

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
    /// AWS Lambda (`AWS_LAMBDA_RUNTIME_API` set) that is `lambda`. A command ends the process, whether it succeeds
    /// or fails, with its output flushed but without the libraries' exit-time destructors: a shutdown whose grace
    /// period ran out, or a command that fails while a photo is in flight, leaves the photo or the pipeline's
    /// warm-up running on another thread inside ONNX Runtime or libvips, and tearing those down under it ended a
    /// worker stopped by SIGTERM with signal 11, not 0. Messages and exit statuses are ArgumentParser's own: help
    /// on standard output with 0, errors on standard error with their status.
    public static func start() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty, ProcessInfo.processInfo.environment["AWS_LAMBDA_RUNTIME_API"] != nil {
            arguments = ["lambda"]
        }
        var status = ExitCode.success
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            status = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if status.isSuccess {
                    print(message)
                } else {
                    try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
                }
            }
        }
        fflush(nil)
        _exit(status.rawValue)
    }
}

import ArgumentParser

/// The `bookplate` command and its subcommands.
public struct BookplateCommand: AsyncParsableCommand {
    /// Names the subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "bookplate",
        abstract: "Bookplate: background removal and catalogue photos for booksellers.",
        subcommands: [
            ProcessCommand.self, ModelsCommand.self, ServeCommand.self, WorkerCommand.self, MigrateCommand.self,
            RetryQueueFailedCommand.self, SmokeTestCommand.self, KeysCommand.self,
        ]
    )

    /// Creates the command; ArgumentParser fills it in.
    public init() {}
}

extension BookplateCommand {
    /// Parses the process's arguments and runs the chosen subcommand, asynchronously.
    public static func start() async {
        let command: any AsyncParsableCommand.Type = BookplateCommand.self
        await command.main()
    }
}

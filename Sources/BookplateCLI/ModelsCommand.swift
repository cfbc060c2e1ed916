import ArgumentParser

/// `bookplate models`: list, verify and download segmentation models.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, verify and download segmentation models.",
        subcommands: [ModelsListCommand.self, ModelsVerifyCommand.self, ModelsPullCommand.self]
    )
}

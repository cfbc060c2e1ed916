import ArgumentParser

/// `bookplate keys`: API key management.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage API keys.", subcommands: [KeysCreateCommand.self])
}

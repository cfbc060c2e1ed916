import ArgumentParser
import BookplateServer
import Domain

/// `bookplate keys create --role viewer|editor|admin`: stores a new key and prints its token once.
struct KeysCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print its token (shown only once).")

    @OptionGroup var options: ServerOptions
    @Option(help: "viewer | editor | admin.") var role: Role
    @Option(help: "A name for people.") var name = "api key"

    func run() async throws {
        let runtime = try await options.openRuntime()
        let token = APIKeyToken.generate()
        _ = try await runtime.withPreparedDatabase {
            try await runtime.apiKeys.create(name: name, role: role, token: token)
        }
        print(token.value)
    }
}

extension Role: ExpressibleByArgument {}

import ArgumentParser
import BookplateServer
import Foundation

/// `bookplate retry-queue-failed`: one retry sweep, printed as the admin endpoint answers it.
struct RetryQueueFailedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry-queue-failed", abstract: "Re-send up to 50 jobs whose enqueue failed.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let runtime = try await options.openRuntime()
        let result = try await runtime.withPreparedDatabase { try await runtime.sweeper.sweep() }
        print(try JSONLines.encode(result))
    }
}

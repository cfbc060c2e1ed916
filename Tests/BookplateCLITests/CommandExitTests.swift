import Foundation
import Testing

/// How `bookplate` ends: help on standard output with status 0, a usage error on standard error with 64, a
/// command's failure with its message and 1, as ArgumentParser's own `main` would end them.
@Suite("bookplate exit statuses and messages")
struct CommandExitTests {
    @Test("--help prints the usage on standard output and exits 0")
    func help() async throws {
        let result = try await CommandRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: bookplate <subcommand>"))
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test("an unknown option prints the error and the subcommand's usage on standard error and exits 64")
    func usageError() async throws {
        let result = try await CommandRunner.run(["process", "--no-such-option", "photo.jpg", "-o", "out"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Error: Unknown option '--no-such-option'"), "\(result.standardError)")
        #expect(result.standardError.contains("Usage: bookplate process"))
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
    }

    @Test("a command that fails names the problem on standard error and exits 1")
    func failure() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CommandRunner.run(["models", "pull", "nosuchmodel", "--models-dir", folder.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no model is called nosuchmodel"), "\(result.standardError)")
    }
}

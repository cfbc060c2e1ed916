import ArgumentParser
import BookplateServer
import Foundation
import HTTPAPI

/// `bookplate smoke-test`: checks this installation (database, object store, queue) and prints OK and the version.
struct SmokeTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smoke-test", abstract: "Check the configured database, object store and queue; print OK and the version.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let runtime = try await options.openRuntime()
        let report = try await runtime.withPreparedDatabase { await runtime.healthChecker.deep() }
        let status = report.status == "fail" ? "failed" : "ok"
        print(try JSONLines.encode(["status": status, "version": runtime.info.version, "entry_point": "cli"]))
        if status != "ok" { throw ExitCode.failure }
    }
}

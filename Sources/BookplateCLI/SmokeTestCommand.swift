import ArgumentParser
import BookplateServer
import Foundation
import HTTPAPI

/// `bookplate smoke-test`: checks this installation (database, object store, queue, the attempt list's models) and
/// prints OK and the version; on a failure it names each failing check on standard error and exits 1.
struct SmokeTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smoke-test",
        abstract: "Check the configured database, object store, queue and models; print OK and the version.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let runtime = try await options.openRuntime()
        let report = try await runtime.withPreparedDatabase { await runtime.healthChecker.deep() }
        let status = report.status == "fail" ? "failed" : "ok"
        for (key, checks) in report.checks.sorted(by: { $0.key < $1.key }) {
            for check in checks where check.status != "pass" {
                let component = check.componentId.map { "\(key) \($0)" } ?? key
                FileHandle.standardError.write(Data("smoke-test: \(check.status) \(component): \(check.output ?? "")\n".utf8))
            }
        }
        print(try JSONLines.encode(["status": status, "version": runtime.info.version, "entry_point": "cli"]))
        if status != "ok" { throw ExitCode.failure }
    }
}

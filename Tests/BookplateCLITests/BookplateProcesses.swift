import Foundation
import TestSupport

/// Starts `bookplate` processes with one environment, each logging to a file of one folder.
struct BookplateProcesses: Sendable {
    let folder: TemporaryFolder
    let environment: [String: String]

    /// The environment that gives `bookplate` these settings (`a.b` becomes `BOOKPLATE_A_B`).
    static func environment(_ settings: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: settings.map { key, value in
            ("BOOKPLATE_" + key.replacingOccurrences(of: ".", with: "_").uppercased(), value)
        })
    }

    /// Starts `bookplate` with `arguments`, its standard error going to `log` in the folder.
    func start(_ arguments: [String], log: String) throws -> ChildProcess {
        try ChildProcess(
            [CommandRunner.executable.path] + arguments, environment: environment,
            standardError: folder.url.appendingPathComponent(log))
    }

    /// Starts a `bookplate worker` logging to `log`.
    func startWorker(log: String) throws -> ChildProcess {
        try start(["worker"], log: log)
    }

    /// The end of what a process wrote to `log`.
    func log(_ log: String) -> String {
        let text = (try? String(contentsOf: folder.url.appendingPathComponent(log), encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}

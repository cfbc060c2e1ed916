import Foundation

/// A folder served over HTTP on a free loopback port by Python's http.server, with the paths it was asked for.
struct LoopbackFileServer {
    let port: Int
    private let process: ChildProcess
    private let log: URL

    /// Serves `folder` for the duration of `body`.
    static func serving<Result>(_ folder: URL, _ body: (LoopbackFileServer) async throws -> Result) async throws -> Result {
        let logs = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: logs) }
        let banner = logs.appendingPathComponent("stdout")
        let log = logs.appendingPathComponent("stderr")
        let process = try ChildProcess(
            ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path],
            standardOutput: banner, standardError: log)
        defer { process.terminate() }
        let port = try await announcedPort(in: banner, by: "http.server")
        return try await body(LoopbackFileServer(port: port, process: process, log: log))
    }

    /// `http://127.0.0.1:PORT/` followed by `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The paths requested so far, in order.
    func requestedPaths() -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "\"GET ") else { return nil }
            return line[start.upperBound...].split(separator: " ").first.map { String($0.dropFirst()) }
        }
    }
}

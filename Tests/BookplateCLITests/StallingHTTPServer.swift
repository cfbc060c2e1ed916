import Foundation

/// A loopback HTTP server, a short Python script, that answers every request with 200, a Content-Length of 10 MB
/// and the first 64 KiB of the body, then holds the connection open without sending anything more: a download
/// that stalls part way.
struct StallingHTTPServer {
    let port: Int

    static let script = """
        import socket, time
        server = socket.socket()
        server.bind(('127.0.0.1', 0))
        server.listen(4)
        print('port', server.getsockname()[1], flush=True)
        while True:
            connection, _ = server.accept()
            connection.recv(65536)
            connection.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Length: 10000000\\r\\n\\r\\n' + bytes(65536))
            time.sleep(3600)
        """

    /// Runs the server for the duration of `body`.
    static func serving<Result>(_ body: (StallingHTTPServer) async throws -> Result) async throws -> Result {
        let logs = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: logs) }
        let banner = logs.appendingPathComponent("stdout")
        let process = try ChildProcess(["python3", "-u", "-c", script], standardOutput: banner)
        defer { process.terminate() }
        let port = try await announcedPort(in: banner, by: "the stalling server")
        return try await body(StallingHTTPServer(port: port))
    }

    /// `http://127.0.0.1:PORT/` followed by `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }
}

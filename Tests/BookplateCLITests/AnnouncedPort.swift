import Foundation

/// The port a server started as a child process announces on its standard output (`… port NNNN …`), written to
/// `banner`; waits up to ten seconds for it, then fails naming `server`.
func announcedPort(in banner: URL, by server: String) async throws -> Int {
    for _ in 0..<200 {
        let text = (try? String(contentsOf: banner, encoding: .utf8)) ?? ""
        if let range = text.range(of: #"port (\d+)"#, options: .regularExpression), let port = Int(text[range].dropFirst(5)) {
            return port
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(server) did not start"])
}

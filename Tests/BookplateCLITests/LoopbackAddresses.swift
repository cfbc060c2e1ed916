import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback addresses for the servers a test starts: a free port, and the address a `bookplate serve` reports.
enum LoopbackAddresses {
    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The `http://127.0.0.1:PORT` that a `bookplate serve` writing its log to `log` reports once it listens;
    /// nil when it does not within `timeout`.
    static func serveAddress(log: URL, timeout: Duration = .seconds(60)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on 127\.0\.0\.1:\d+"#, options: .regularExpression) {
                return "http://" + text[range].dropFirst("listening on ".count)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}

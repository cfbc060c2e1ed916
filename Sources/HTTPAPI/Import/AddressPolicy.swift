import Foundation
import PhotoJobs
#if canImport(Glibc)
import Glibc
#endif

/// Decides which hosts a listing import may fetch from: refuses private, loopback, link-local (cloud metadata
/// included), carrier-grade NAT, multicast and unspecified addresses, judged on every address the name resolves
/// to, unless the host is allow-listed.
public struct AddressPolicy: Sendable {
    /// Host names or address literals fetched from even when they resolve to a refused address.
    public var allowedHosts: Set<String>

    /// A policy allowing `allowedHosts` (lower case) through.
    public init(allowedHosts: Set<String> = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
    }

    /// Checks a URL's scheme and host; throws ``ImportError`` with `invalid_url` or `forbidden_address`.
    public func check(_ url: URL) async throws(ImportError) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw ImportError(code: "invalid_url", message: "only http and https URLs can be imported: \(url.absoluteString.prefix(200))")
        }
        guard let host = url.host?.lowercased(), !host.isEmpty else {
            throw ImportError(code: "invalid_url", message: "the URL has no host: \(url.absoluteString.prefix(200))")
        }
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if allowedHosts.contains(bareHost) { return }
        if bareHost == "metadata.google.internal" || bareHost.hasSuffix(".internal") || bareHost == "localhost"
            || bareHost.hasSuffix(".localhost")
        {
            throw ImportError(code: "forbidden_address", message: "the host \(bareHost) is internal and cannot be fetched from")
        }
        let addresses = await Self.resolve(bareHost)
        guard !addresses.isEmpty else {
            throw ImportError(code: "fetch_failed", message: "the host \(bareHost) does not resolve")
        }
        if let refused = addresses.first(where: Self.isRefused) {
            throw ImportError(
                code: "forbidden_address",
                message: "the host \(bareHost) resolves to \(refused.description), a private, loopback, link-local or metadata address")
        }
    }

    /// An IPv4 or IPv6 address as bytes.
    struct Address: Sendable, CustomStringConvertible {
        var bytes: [UInt8]

        var description: String {
            if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
            return stride(from: 0, to: 16, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
                .joined(separator: ":")
        }
    }

    static func isRefused(_ address: Address) -> Bool {
        let b = address.bytes
        if b.count == 16 {
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff {
                return isRefused(Address(bytes: Array(b[12..<16])))
            }
            if b.allSatisfy({ $0 == 0 }) { return true }
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }
            if b[0] & 0xfe == 0xfc { return true }
            if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return true }
            if b[0] == 0xff { return true }
            return false
        }
        guard b.count == 4 else { return true }
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (100, 64...127): return true
        case (224...255, _): return true
        case (192, 0) where b[2] == 0: return true
        default: return false
        }
    }

    static func resolve(_ host: String) async -> [Address] {
        await BlockingWork.run { resolveBlocking(host) }
    }

    private static func resolveBlocking(_ host: String) -> [Address] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [Address] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                switch Int32(socketAddress.pointee.sa_family) {
                case AF_INET:
                    socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        var value = pointer.pointee.sin_addr
                        addresses.append(Address(bytes: withUnsafeBytes(of: &value) { Array($0) }))
                    }
                case AF_INET6:
                    socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        var value = pointer.pointee.sin6_addr
                        addresses.append(Address(bytes: withUnsafeBytes(of: &value) { Array($0) }))
                    }
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}

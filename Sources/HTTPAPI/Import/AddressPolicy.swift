import Foundation
import PhotoJobs
#if canImport(Glibc)
import Glibc
#endif

/// Decides which hosts a listing import may fetch from: refuses private, loopback, link-local (cloud metadata
/// included), carrier-grade NAT, benchmarking, multicast and unspecified addresses, also where an IPv6 address
/// carries one (mapped, compatible, NAT64, 6to4), judged on every address the name resolves to, unless the host is
/// allow-listed. It answers with the checked address, and the fetcher connects to that
/// address, so a DNS answer that changes after the check (rebinding) cannot lead it elsewhere.
public struct AddressPolicy: Sendable {
    /// Host names or address literals fetched from even when they resolve to a refused address.
    public var allowedHosts: Set<String>
    /// Resolves a host name to its addresses (the system's resolver unless a test gives another).
    public var resolver: @Sendable (String) async -> [Address]

    /// A policy allowing `allowedHosts` (lower case) through.
    public init(allowedHosts: Set<String> = [], resolver: @escaping @Sendable (String) async -> [Address] = Self.resolve) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.resolver = resolver
    }

    /// Checks a URL's scheme and host and returns the address to connect to; throws ``ImportError`` with
    /// `invalid_url`, `fetch_failed` (no address) or `forbidden_address`.
    public func check(_ url: URL) async throws(ImportError) -> Address {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw ImportError(code: "invalid_url", message: "only http and https URLs can be imported: \(url.absoluteString.prefix(200))")
        }
        guard let host = url.host?.lowercased(), !host.isEmpty else {
            throw ImportError(code: "invalid_url", message: "the URL has no host: \(url.absoluteString.prefix(200))")
        }
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let allowed = allowedHosts.contains(bareHost)
        if !allowed, bareHost == "metadata.google.internal" || bareHost.hasSuffix(".internal") || bareHost == "localhost"
            || bareHost.hasSuffix(".localhost")
        {
            throw ImportError(code: "forbidden_address", message: "the host \(bareHost) is internal and cannot be fetched from")
        }
        let addresses = await resolver(bareHost)
        guard let first = addresses.first else {
            throw ImportError(code: "fetch_failed", message: "the host \(bareHost) does not resolve")
        }
        if !allowed, let refused = addresses.first(where: Self.isRefused) {
            throw ImportError(
                code: "forbidden_address",
                message: "the host \(bareHost) resolves to \(refused.description), a private, loopback, link-local or metadata address")
        }
        return first
    }

    /// An IPv4 or IPv6 address as bytes.
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        /// Four bytes (IPv4) or sixteen (IPv6).
        public var bytes: [UInt8]

        /// An address from its bytes.
        public init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// The address as text: dotted IPv4, or IPv6 in hexadecimal groups.
        public var description: String {
            if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
            return stride(from: 0, to: 16, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
                .joined(separator: ":")
        }
    }

    static func isRefused(_ address: Address) -> Bool {
        let b = address.bytes
        if b.count == 16 {
            if let carried = carriedIPv4(b) { return isRefused(Address(bytes: carried)) }
            if b[0..<6].elementsEqual([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01]) { return true }
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
        case (198, 18...19): return true
        default: return false
        }
    }

    /// The IPv4 address an IPv6 address stands for, where it carries one: IPv4-mapped (`::ffff:a.b.c.d`),
    /// IPv4-compatible (`::a.b.c.d`, `::` and `::1` included), NAT64 (`64:ff9b::a.b.c.d`, which a DNS64 network
    /// routes to the IPv4 address) and 6to4 (`2002:aabb:ccdd::`). Local-use NAT64 (`64:ff9b:1::/48`) is refused
    /// whole by the caller.
    private static func carriedIPv4(_ b: [UInt8]) -> [UInt8]? {
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return Array(b[12..<16]) }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return Array(b[12..<16]) }
        if b[0..<4].elementsEqual([0x00, 0x64, 0xff, 0x9b]) && b[4..<12].allSatisfy({ $0 == 0 }) { return Array(b[12..<16]) }
        if b[0] == 0x20 && b[1] == 0x02 { return Array(b[2..<6]) }
        return nil
    }

    /// The system resolver's addresses of `host` (getaddrinfo on a blocking-work thread).
    @Sendable public static func resolve(_ host: String) async -> [Address] {
        await BlockingWork.run(in: .brief) { resolveBlocking(host) }
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

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP peer that moves bodies at a set pace, for the client's transfer deadlines: it serves one
/// connection on its own thread with blocking sockets, so the pace is the socket's, not an event loop's.
final class PacedPeer: Sendable {
    /// What the peer does with the one request it gets.
    enum Behaviour: Sendable {
        /// Reads the request body at `bytesPerSecond` (through a 64-KiB receive buffer), then answers 200 with no body.
        case slowReader(bytesPerSecond: Int)
        /// Answers 200 with a body of `bytes` bytes (each byte `0x61`) sent at `bytesPerSecond`.
        case slowSender(bytes: Int, bytesPerSecond: Int)
        /// Answers 200 announcing a body of `bytes` bytes, sends the first kilobyte and then nothing more.
        case stalledSender(bytes: Int)
        /// Sends the head of a 200 answer `headAfter` seconds after the request, then its body of `bytes` bytes (each
        /// byte `0x61`) `bodyAfter` seconds later.
        case lateAnswer(headAfter: TimeInterval, bodyAfter: TimeInterval, bytes: Int)
    }

    /// The port it listens on.
    let port: Int
    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)

    /// Starts a peer listening on 127.0.0.1 that serves one connection as `behaviour` says.
    init(_ behaviour: Behaviour) throws {
        let (socket, port) = try LoopbackSocket.listening(backlog: 4, receiveBuffer: 64 << 10)
        listener = socket
        self.port = port
        let done = self.done
        Thread.detachNewThread {
            Self.serve(listener: socket, behaviour)
            done.signal()
        }
    }

    /// Stops listening and waits for the serving thread (a stalled sender ends when the client closes).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        done.wait()
        close(listener)
    }

    private static func serve(listener: Int32, _ behaviour: Behaviour) {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        guard let bodyLength = readHead(connection) else { return }
        switch behaviour {
        case .slowReader(let rate):
            var left = bodyLength
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while left > 0 {
                let count = recv(connection, &chunk, min(chunk.count, left), 0)
                guard count > 0 else { return }
                left -= count
                usleep(UInt32(1_000_000 * count / rate))
            }
            write(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
        case .slowSender(let bytes, let rate):
            write(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\nConnection: close\r\n\r\n".utf8))
            var left = bytes
            while left > 0 {
                let count = min(8192, left)
                guard write(connection, [UInt8](repeating: 0x61, count: count)) else { return }
                left -= count
                usleep(UInt32(1_000_000 * count / rate))
            }
        case .stalledSender(let bytes):
            write(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\nConnection: close\r\n\r\n".utf8))
            write(connection, [UInt8](repeating: 0x61, count: min(1024, bytes)))
            var byte: UInt8 = 0
            while recv(connection, &byte, 1, 0) > 0 {}
        case .lateAnswer(let headAfter, let bodyAfter, let bytes):
            Thread.sleep(forTimeInterval: headAfter)
            write(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\nConnection: close\r\n\r\n".utf8))
            Thread.sleep(forTimeInterval: bodyAfter)
            write(connection, [UInt8](repeating: 0x61, count: bytes))
        }
    }

    /// Reads the request's head and returns its `Content-Length` (0 when absent).
    private static func readHead(_ connection: Int32) -> Int? {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.ends(with: Array("\r\n\r\n".utf8)) {
            guard recv(connection, &byte, 1, 0) == 1 else { return nil }
            head.append(byte)
        }
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n")
        let length = lines.first { $0.lowercased().hasPrefix("content-length:") }
        return length.flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    @discardableResult
    private static func write(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

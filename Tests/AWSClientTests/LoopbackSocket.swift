import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Opens listening TCP sockets on 127.0.0.1 for the hand-made peers of these tests.
enum LoopbackSocket {
    /// A socket listening on a free loopback port, with its port; `receiveBuffer` bytes of receive buffer when given.
    static func listening(backlog: Int32, receiveBuffer: Int32? = nil) throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound, listen(socket, backlog) == 0 else {
            close(socket)
            throw CocoaError(.fileWriteUnknown)
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}

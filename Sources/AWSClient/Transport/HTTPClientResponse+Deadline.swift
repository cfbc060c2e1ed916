import AsyncHTTPClient
import NIOCore

extension HTTPClientResponse.Body {
    /// Collects the body, up to `limit` bytes, giving up — the transfer cancelled, ``BodyDeadlineExceeded`` thrown —
    /// when it has not all arrived by `end`: the client's own deadline ends with the answer's head, and without
    /// this a body that stops moving would hold its caller for good.
    func collect(upTo limit: Int, by end: ContinuousClock.Instant) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: end)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let collected = first else {
                throw BodyDeadlineExceeded()
            }
            return collected
        }
    }
}

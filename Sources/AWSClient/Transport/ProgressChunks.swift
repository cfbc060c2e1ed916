import NIOCore

/// A request body handed to the HTTP client in chunks, each one's hand-over recorded as progress: the client asks
/// for the next chunk only when the connection can take it.
struct ProgressChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    private let bytes: [UInt8]
    private let progress: TransferProgress
    private let chunkSize = 64 << 10

    /// `bytes` in chunks, recording progress on `progress`.
    init(_ bytes: [UInt8], progress: TransferProgress) {
        self.bytes = bytes
        self.progress = progress
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: self)
    }

    /// Hands out the chunks in order.
    struct Iterator: AsyncIteratorProtocol {
        let chunks: ProgressChunks
        var offset = 0

        mutating func next() async -> ByteBuffer? {
            guard offset < chunks.bytes.count else { return nil }
            chunks.progress.moved()
            let end = Swift.min(offset + chunks.chunkSize, chunks.bytes.count)
            defer { offset = end }
            return ByteBuffer(bytes: chunks.bytes[offset..<end])
        }
    }
}

import Testing

@testable import ImagePipeline

/// The block sums that every shrinking by a whole factor starts from: exact against the sums written the plain way,
/// for blocks taller than a 16-bit partial sum holds, rows wider than the stretch of columns summed at a time, and
/// pictures thinner than the factor.
@Suite("Block sums")
struct BlockSumsTests {
    /// `width × height` pixels of `channels` interleaved samples from a function of position and channel.
    static func samples(width: Int, height: Int, channels: Int, _ value: (Int, Int, Int) -> UInt8) -> [UInt8] {
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for channel in 0..<channels {
                    samples[(y * width + x) * channels + channel] = value(x, y, channel)
                }
            }
        }
        return samples
    }

    /// Every row of blocks `BlockSums` hands out, in order of its rows (each band of rows writes its own part of
    /// one buffer, as the shrinkings do).
    static func computed(_ blocks: BlockSums, _ samples: [UInt8]) -> [[Int]] {
        let count = blocks.width * blocks.channels
        var flat = [Int](repeating: -1, count: blocks.height * count)
        samples.withUnsafeBufferPointer { source in
            flat.withUnsafeMutableBufferPointer { destination in
                let destination = destination.baseAddress!
                blocks.forEachRow(of: source.baseAddress!) { y, sums in
                    (destination + y * count).update(from: sums, count: count)
                }
            }
        }
        return (0..<blocks.height).map { Array(flat[($0 * count)..<(($0 + 1) * count)]) }
    }

    /// The same sums, one sample at a time.
    static func reference(_ blocks: BlockSums, _ samples: [UInt8], sourceWidth: Int) -> [[Int]] {
        (0..<blocks.height).map { blockY in
            (0..<(blocks.width * blocks.channels)).map { index in
                let (blockX, channel) = index.quotientAndRemainder(dividingBy: blocks.channels)
                var sum = 0
                for y in (blockY * blocks.blockHeight)..<((blockY + 1) * blocks.blockHeight) {
                    for x in (blockX * blocks.blockWidth)..<((blockX + 1) * blocks.blockWidth) {
                        sum += Int(samples[(y * sourceWidth + x) * blocks.channels + channel])
                    }
                }
                return sum
            }
        }
    }

    @Test(
        "scattered samples at factors 1 to 7, one to four channels, rows wider than the stretch, 50 rows of blocks",
        arguments: [(1_000, 10, 3, 3), (2_100, 15, 1, 7), (2_051, 9, 4, 2), (5, 5, 3, 1), (300, 200, 3, 4)])
    func scattered(width: Int, height: Int, channels: Int, factor: Int) {
        let samples = Self.samples(width: width, height: height, channels: channels) { x, y, channel in
            UInt8(truncatingIfNeeded: fixedScatter(x * 4 + channel, y) >> 5)
        }
        let blocks = BlockSums(sourceWidth: width, sourceHeight: height, channels: channels, factor: factor)
        #expect(Self.computed(blocks, samples) == Self.reference(blocks, samples, sourceWidth: width))
    }

    @Test("blocks of 300 rows of 255, more than a 16-bit partial sum holds, and of scattered samples")
    func tallBlocks() {
        let (width, height) = (600, 600)
        let white = [UInt8](repeating: 255, count: width * height)
        let blocks = BlockSums(sourceWidth: width, sourceHeight: height, channels: 1, factor: 300)
        let full = 300 * 300 * 255
        #expect(Self.computed(blocks, white) == [[full, full], [full, full]])
        let scattered = Self.samples(width: width, height: height, channels: 1) { x, y, _ in
            UInt8(200 + UInt(bitPattern: fixedScatter(x, y)) % 56)
        }
        #expect(Self.computed(blocks, scattered) == Self.reference(blocks, scattered, sourceWidth: width))
    }

    @Test("a picture thinner and narrower than the factor gives one block of its own samples")
    func thinnerThanFactor() {
        let samples = Self.samples(width: 3, height: 2, channels: 3) { x, y, channel in
            UInt8(x * 10 + y * 100 + channel)
        }
        let blocks = BlockSums(sourceWidth: 3, sourceHeight: 2, channels: 3, factor: 5)
        #expect((blocks.width, blocks.height, blocks.blockSize) == (1, 1, 6))
        #expect(Self.computed(blocks, samples) == [[360, 366, 372]])
    }
}

import CCompose

/// The sums of `factor × factor` blocks of interleaved 8-bit samples, a row of blocks at a time: the first step
/// of both shrinkings by a whole factor (``BlockReduction`` for thumbnails, ``WorkingResolution`` for the outline
/// step and the matting grid). A block is clamped to the picture, so a picture thinner than the factor still
/// gives one row or column of blocks, made only of its own samples.
struct BlockSums {
    /// Samples per block across.
    let blockWidth: Int
    /// Rows per block.
    let blockHeight: Int
    /// Blocks per row (edge samples that do not fill a whole block are dropped).
    let width: Int
    /// Rows of blocks.
    let height: Int
    /// Interleaved channels per pixel.
    let channels: Int
    private let sourceWidth: Int

    /// The blocks of a `sourceWidth × sourceHeight` picture of `channels` interleaved channels.
    init(sourceWidth: Int, sourceHeight: Int, channels: Int, factor: Int) {
        blockWidth = min(factor, sourceWidth)
        blockHeight = min(factor, sourceHeight)
        width = max(1, sourceWidth / factor)
        height = max(1, sourceHeight / factor)
        self.channels = channels
        self.sourceWidth = sourceWidth
    }

    /// Samples in one block.
    var blockSize: Int { blockWidth * blockHeight }

    /// Calls `body(y, sums)` for every row of blocks, bands of rows in parallel; `sums` holds the row's
    /// `width × channels` block sums, interleaved like the source. The block's rows are first added sample by
    /// sample, contiguously (`bp_block_column_sums`, vectorised), then each block's columns once, into 64-bit sums
    /// however large the block.
    func forEachRow(of source: UnsafePointer<UInt8>, _ body: (Int, UnsafePointer<Int>) -> Void) {
        let usedSamples = width * blockWidth * channels
        let (blockWidth, blockHeight, width, channels, sourceWidth) =
            (blockWidth, blockHeight, width, channels, sourceWidth)
        concurrentBands(height, serialBelow: 16) { rows in
            let columnSums = UnsafeMutablePointer<UInt32>.allocate(capacity: usedSamples)
            let sums = UnsafeMutablePointer<Int>.allocate(capacity: width * channels)
            defer {
                columnSums.deallocate()
                sums.deallocate()
            }
            for y in rows {
                bp_block_column_sums(
                    source + y * blockHeight * sourceWidth * channels, sourceWidth * channels, Int32(blockHeight),
                    Int32(usedSamples), columnSums)
                for x in 0..<width {
                    let block = columnSums + x * blockWidth * channels
                    for channel in 0..<channels {
                        var sum = 0
                        var column = block + channel
                        for _ in 0..<blockWidth {
                            sum &+= Int(column.pointee)
                            column += channels
                        }
                        sums[x * channels + channel] = sum
                    }
                }
                body(y, sums)
            }
        }
    }
}

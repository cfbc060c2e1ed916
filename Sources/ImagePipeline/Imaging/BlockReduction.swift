/// Shrinks a picture by a whole factor, each output pixel the mean of a `factor × factor` block: cheap, and a
/// sound first step before a finer resampler when the final size is far smaller.
enum BlockReduction {
    /// `image` shrunk by `factor` (edge pixels that do not fill a whole block are dropped); `factor` 1 returns it.
    static func reduce(_ image: RGBImage, by factor: Int) -> RGBImage {
        guard factor > 1 else { return image }
        let width = max(1, image.width / factor)
        let height = max(1, image.height / factor)
        let blockWidth = min(factor, image.width)
        let blockHeight = min(factor, image.height)
        let sourceWidth = image.width
        let half = blockWidth * blockHeight / 2
        let count = blockWidth * blockHeight
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { destination in
                let source = source.baseAddress!
                let destination = destination.baseAddress!
                concurrentBands(height, serialBelow: 16) { rows in
                    let sums = UnsafeMutablePointer<Int>.allocate(capacity: width * 3)
                    defer { sums.deallocate() }
                    for y in rows {
                        sums.initialize(repeating: 0, count: width * 3)
                        for line in (y * blockHeight)..<((y + 1) * blockHeight) {
                            let row = source + line * sourceWidth * 3
                            for x in 0..<width {
                                let block = row + x * blockWidth * 3
                                for offset in 0..<blockWidth {
                                    sums[x * 3] &+= Int(block[offset * 3])
                                    sums[x * 3 + 1] &+= Int(block[offset * 3 + 1])
                                    sums[x * 3 + 2] &+= Int(block[offset * 3 + 2])
                                }
                            }
                        }
                        let output = destination + y * width * 3
                        for index in 0..<(width * 3) { output[index] = UInt8((sums[index] + half) / count) }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

/// Shrinks a picture by a whole factor, each output pixel the mean of a `factor × factor` block: cheap, and a
/// sound first step before a finer resampler when the final size is far smaller.
enum BlockReduction {
    /// `image` shrunk by `factor` (edge pixels that do not fill a whole block are dropped); `factor` 1 returns it.
    static func reduce(_ image: RGBImage, by factor: Int) -> RGBImage {
        guard factor > 1 else { return image }
        let blocks = BlockSums(sourceWidth: image.width, sourceHeight: image.height, channels: 3, factor: factor)
        let (width, height) = (blocks.width, blocks.height)
        let count = blocks.blockSize
        let half = count / 2
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { destination in
                let destination = destination.baseAddress!
                blocks.forEachRow(of: source.baseAddress!) { y, sums in
                    let output = destination + y * width * 3
                    for index in 0..<(width * 3) { output[index] = UInt8((sums[index] + half) / count) }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

/// A reduced grid on which the matting filters run: the full picture averaged over `factor × factor` blocks, so
/// that their cost does not grow with the photo's megapixels.
struct WorkingResolution {
    let factor: Int
    let width: Int
    let height: Int
    let fullWidth: Int
    let fullHeight: Int

    /// A grid whose longer side is at most `longSide` pixels.
    init(fullWidth: Int, fullHeight: Int, longSide: Int) {
        let factor = max(1, Int((Double(max(fullWidth, fullHeight)) / Double(longSide)).rounded(.up)))
        self.factor = factor
        self.fullWidth = fullWidth
        self.fullHeight = fullHeight
        width = max(1, fullWidth / factor)
        height = max(1, fullHeight / factor)
    }

    /// Block averages of every channel of interleaved 8-bit samples, scaled to 0…1: plane after plane, each
    /// `width × height`.
    func reduce(_ pixels: [UInt8], channels: Int) -> [Float] {
        let planeSize = width * height
        var values = [Float](repeating: 0, count: planeSize * channels)
        let blocks = BlockSums(sourceWidth: fullWidth, sourceHeight: fullHeight, channels: channels, factor: factor)
        let norm = 1 / (Float(blocks.blockSize) * 255)
        let width = width
        pixels.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { destination in
                let destination = destination.baseAddress!
                blocks.forEachRow(of: source.baseAddress!) { y, sums in
                    for x in 0..<width {
                        for channel in 0..<channels {
                            let mean = Float(sums[x * channels + channel]) * norm
                            destination[channel * planeSize + y * width + x] = mean
                        }
                    }
                }
            }
        }
        return values
    }

    /// The reduced-grid coordinates of a full-resolution pixel centre.
    @inline(__always)
    func reducedPosition(x: Int, y: Int) -> (x: Float, y: Float) {
        let scaleX = Float(width) / Float(fullWidth)
        let scaleY = Float(height) / Float(fullHeight)
        return ((Float(x) + 0.5) * scaleX - 0.5, (Float(y) + 0.5) * scaleY - 0.5)
    }

    /// For full-resolution row `y`: the two grid rows around its centre and the weight of the lower one.
    func rowBlend(_ y: Int) -> (top: Int, bottom: Int, fraction: Float) {
        let position = min(max(reducedPosition(x: 0, y: y).y, 0), Float(height - 1))
        let top = Int(position)
        return (top, min(top + 1, height - 1), position - Float(top))
    }

    /// For full-resolution column `x`: the two grid columns around its centre and the weight of the right one.
    func columnBlend(_ x: Int) -> (left: Int, right: Int, weight: Float) {
        let position = min(max(reducedPosition(x: x, y: 0).x, 0), Float(width - 1))
        let left = Int(position)
        return (left, min(left + 1, width - 1), position - Float(left))
    }
}

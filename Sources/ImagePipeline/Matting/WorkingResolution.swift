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

    /// Block averages of every channel of interleaved 8-bit samples, scaled to 0…1, in one pass over the pixels:
    /// plane after plane, each `width × height`.
    func reduce(_ pixels: [UInt8], channels: Int) -> [Float] {
        let planeSize = width * height
        var values = [Float](repeating: 0, count: planeSize * channels)
        let norm = 1 / (Float(factor * factor) * 255)
        let (factor, width, fullWidth) = (factor, width, fullWidth)
        pixels.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { destination in
                let sourceBase = source.baseAddress!
                let destinationBase = destination.baseAddress!
                concurrentRows(height) { y in
                    for x in 0..<width {
                        for channel in 0..<channels {
                            var sum = 0
                            for dy in 0..<factor {
                                var sample = sourceBase + ((y * factor + dy) * fullWidth + x * factor) * channels + channel
                                for _ in 0..<factor {
                                    sum &+= Int(sample.pointee)
                                    sample += channels
                                }
                            }
                            destinationBase[channel * planeSize + y * width + x] = Float(sum) * norm
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

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

    /// Block averages of every channel of interleaved 8-bit samples, scaled to 0…1, in one pass over the pixels.
    func reduce(_ pixels: [UInt8], channels: Int) -> [Plane] {
        let planeSize = width * height
        let values = reduceToPlanes(pixels, channels: channels)
        return (0..<channels).map { channel in
            Plane(width: width, height: height, values: Array(values[(channel * planeSize)..<((channel + 1) * planeSize)]))
        }
    }

    /// The same block averages as one array: plane after plane, each `width × height`.
    func reduceToPlanes(_ pixels: [UInt8], channels: Int) -> [Float] {
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
}

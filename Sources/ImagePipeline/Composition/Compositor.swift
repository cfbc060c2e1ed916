/// Places the subject on its background with straight-alpha compositing `α·F + (1−α)·B`, where `F` is the
/// estimated true foreground colour, so soft edges keep their colour instead of turning into a dark fringe.
public struct Compositor: Sendable {
    /// The foreground colour estimator used on soft edges.
    public var estimator: ForegroundEstimator

    /// A compositor with the default estimator.
    public init(estimator: ForegroundEstimator = ForegroundEstimator()) {
        self.estimator = estimator
    }

    /// The subject on an opaque colour, as an RGB picture.
    public func compose(image: RGBImage, mask: GrayImage, on background: RGBColour) -> RGBImage {
        RGBImage(width: image.width, height: image.height, pixels: render(image: image, mask: mask, on: background))
    }

    /// The subject as an RGBA cut-out with straight colour: estimated foreground colour on soft edges.
    public func cutout(image: RGBImage, mask: GrayImage) -> [UInt8] {
        render(image: image, mask: mask, on: nil)
    }

    /// An RGBA cut-out (straight colour) flattened onto an opaque colour: the same picture `compose` gives for the
    /// cut-out's photo and mask, without estimating the foreground again.
    public func flatten(cutout: [UInt8], width: Int, height: Int, on background: RGBColour) -> RGBImage {
        precondition(cutout.count == width * height * 4, "RGBA sample count does not match the size")
        let backdrop = background.samples
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        cutout.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { destination in
                let source = source.baseAddress!
                let destination = destination.baseAddress!
                concurrentRows(height) { y in
                    for index in (y * width)..<((y + 1) * width) {
                        let pixel = source + index * 4
                        let opacity = Float(pixel[3]) / 255
                        for channel in 0..<3 {
                            let mixed = opacity * Float(pixel[channel]) + (1 - opacity) * backdrop[channel]
                            destination[index * 3 + channel] = UInt8(min(max(mixed, 0), 255).rounded())
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Renders every pixel: opaque ones keep the photo's colour, transparent ones take the background (or stay
    /// fully transparent for a cut-out), soft ones get the estimated foreground colour, composed over the
    /// background or kept straight with their alpha. Row bands run in parallel; the estimate is interpolated only
    /// for rows that hold a soft pixel.
    private func render(image: RGBImage, mask: GrayImage, on background: RGBColour?) -> [UInt8] {
        let channels = background == nil ? 4 : 3
        let backdrop = background.map { SIMD4($0.samples, 0) } ?? SIMD4<Float>()
        let fill: [UInt8] = background.map { [$0.red, $0.green, $0.blue] } ?? [0, 0, 0]
        let estimate = estimator.estimate(image: image, mask: mask)
        let columns = estimate.columns()
        let width = image.width
        let opaque = channels == 3
        var output = [UInt8](repeating: 0, count: image.width * image.height * channels)
        image.pixels.withUnsafeBufferPointer { source in
            mask.pixels.withUnsafeBufferPointer { alphaSource in
                columns.left.withUnsafeBufferPointer { lefts in
                    columns.right.withUnsafeBufferPointer { rights in
                        columns.weight.withUnsafeBufferPointer { weights in
                            output.withUnsafeMutableBufferPointer { destination in
                                let pixels = source.baseAddress!
                                let alphas = alphaSource.baseAddress!
                                let result = destination.baseAddress!
                                concurrentBands(image.height) { rows in
                                    let row = UnsafeMutablePointer<SIMD4<Float>>.allocate(
                                        capacity: estimate.rowLength)
                                    defer { row.deallocate() }
                                    for y in rows {
                                        var rowReady = false
                                        for x in 0..<width {
                                            let index = y * width + x
                                            let alpha = alphas[index]
                                            let observed = pixels + index * 3
                                            let pixel = result + index * channels
                                            if alpha == 255 {
                                                pixel[0] = observed[0]
                                                pixel[1] = observed[1]
                                                pixel[2] = observed[2]
                                                if !opaque { pixel[3] = 255 }
                                                continue
                                            }
                                            if alpha == 0 {
                                                if opaque {
                                                    pixel[0] = fill[0]
                                                    pixel[1] = fill[1]
                                                    pixel[2] = fill[2]
                                                }
                                                continue
                                            }
                                            if !rowReady {
                                                estimate.interpolateRow(y, into: row)
                                                rowReady = true
                                            }
                                            let opacity = Float(alpha) * (1 / 255)
                                            let colour = SIMD4<Float>(
                                                Float(observed[0]), Float(observed[1]), Float(observed[2]), 0) * (1 / 255)
                                            let foreground = estimate.foreground(
                                                row: row, left: Int(lefts[x]), right: Int(rights[x]), weight: weights[x],
                                                observed: colour, alpha: opacity)
                                            for channel in 0..<3 {
                                                let straight = min(max(foreground[channel], 0), 1)
                                                let value = opaque
                                                    ? opacity * 255 * straight + (1 - opacity) * backdrop[channel]
                                                    : 255 * straight
                                                pixel[channel] = UInt8(value + 0.5)
                                            }
                                            if !opaque { pixel[3] = alpha }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}

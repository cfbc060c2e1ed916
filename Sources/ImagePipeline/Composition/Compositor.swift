import CCompose

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

    /// Renders every pixel in `bp_compose_rows`, row bands in parallel: opaque ones keep the photo's colour,
    /// transparent ones take the background (or stay fully transparent for a cut-out), and only the soft ones get
    /// the estimated foreground colour, composed over the background or kept straight with their alpha. Every byte
    /// of the output is written there, so it is not cleared first.
    private func render(image: RGBImage, mask: GrayImage, on background: RGBColour?) -> [UInt8] {
        let channels = background == nil ? 4 : 3
        let backdrop = background?.samples ?? [0, 0, 0]
        let estimate = estimator.estimate(image: image, mask: mask)
        let sampling = estimate.sampling()
        let grid = estimate.gridSize
        let width = image.width
        let scratchCount = 6 * grid.width
        let count = width * image.height * channels
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialised in
            estimate.withPlanes { planes in
                image.pixels.withUnsafeBufferPointer { pixels in
                    mask.pixels.withUnsafeBufferPointer { alphas in
                        concurrentBands(image.height) { band in
                            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
                            defer { scratch.deallocate() }
                            bp_compose_rows(
                                pixels.baseAddress, alphas.baseAddress, Int32(width), Int32(band.lowerBound),
                                Int32(band.upperBound), planes, Int32(grid.width), Int32(grid.height),
                                sampling.rowTop, sampling.rowBottom, sampling.rowFraction, sampling.columnLeft,
                                sampling.columnRight, sampling.columnWeight, backdrop, Int32(channels), scratch,
                                output.baseAddress)
                        }
                    }
                }
            }
            initialised = count
        }
    }
}

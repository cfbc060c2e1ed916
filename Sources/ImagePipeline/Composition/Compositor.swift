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

    /// The subject on an opaque colour, as an RGB picture. It is written over the photo's own samples, so a caller
    /// that hands over its last copy of the photo (`consume`) saves a second full-size buffer.
    public func compose(image: consuming RGBImage, mask: GrayImage, on background: RGBColour) -> RGBImage {
        let estimate = estimator.estimate(image: image, mask: mask)
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            render(pixels: pixels.baseAddress, width: image.width, height: image.height, mask: mask,
                   estimate: estimate, on: background, into: pixels.baseAddress)
        }
        return image
    }

    /// The subject as an RGBA cut-out with straight colour: estimated foreground colour on soft edges.
    public func cutout(image: RGBImage, mask: GrayImage) -> [UInt8] {
        let estimate = estimator.estimate(image: image, mask: mask)
        let count = image.width * image.height * 4
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialised in
            image.pixels.withUnsafeBufferPointer { pixels in
                render(pixels: pixels.baseAddress, width: image.width, height: image.height, mask: mask,
                       estimate: estimate, on: nil, into: output.baseAddress)
            }
            initialised = count
        }
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
    /// of `output` is written there, so it need not be cleared first; for an opaque background it may be `pixels`
    /// itself, as each pixel is read before it is written and no other pixel is read.
    private func render(
        pixels: UnsafePointer<UInt8>?, width: Int, height: Int, mask: GrayImage, estimate: ForegroundEstimator.Estimate,
        on background: RGBColour?, into output: UnsafeMutablePointer<UInt8>?
    ) {
        let channels = background == nil ? 4 : 3
        let backdrop = background?.samples ?? [0, 0, 0]
        let sampling = estimate.sampling()
        let grid = estimate.gridSize
        let scratchCount = 6 * grid.width
        estimate.withPlanes { planes in
            mask.pixels.withUnsafeBufferPointer { alphas in
                concurrentBands(height) { band in
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
                    defer { scratch.deallocate() }
                    bp_compose_rows(
                        pixels, alphas.baseAddress, Int32(width), Int32(band.lowerBound), Int32(band.upperBound),
                        planes, Int32(grid.width), Int32(grid.height), sampling.rowTop, sampling.rowBottom,
                        sampling.rowFraction, sampling.columnLeft, sampling.columnRight, sampling.columnWeight,
                        backdrop, Int32(channels), scratch, output)
                }
            }
        }
    }
}

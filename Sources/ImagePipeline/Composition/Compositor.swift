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
        let estimate = estimator.estimate(image: image, mask: mask)
        let columns = estimate.columns()
        let backdrop = SIMD3<Float>(Float(background.red), Float(background.green), Float(background.blue)) / 255
        var output = [UInt8](repeating: 0, count: image.pixels.count)
        let width = image.width
        image.pixels.withUnsafeBufferPointer { source in
            mask.pixels.withUnsafeBufferPointer { alphaSource in
                output.withUnsafeMutableBufferPointer { destination in
                    let pixels = source.baseAddress!
                    let alphas = alphaSource.baseAddress!
                    let result = destination.baseAddress!
                    concurrentRows(image.height) { y in
                        let rows = estimate.rows(at: y)
                        rows.withUnsafeBufferPointer { rowPlanes in
                            for x in 0..<width {
                                let index = y * width + x
                                let base = index * 3
                                switch alphas[index] {
                                case 255:
                                    result[base] = pixels[base]
                                    result[base + 1] = pixels[base + 1]
                                    result[base + 2] = pixels[base + 2]
                                case 0:
                                    result[base] = background.red
                                    result[base + 1] = background.green
                                    result[base + 2] = background.blue
                                case let value:
                                    let alpha = Float(value) / 255
                                    let observed = SIMD3<Float>(
                                        Float(pixels[base]), Float(pixels[base + 1]), Float(pixels[base + 2])) / 255
                                    let foreground = estimate.foregroundColour(
                                        rows: rowPlanes.baseAddress!, columns: columns, x: x, observed: observed,
                                        alpha: alpha)
                                    let mixed = (alpha * foreground + (1 - alpha) * backdrop) * 255
                                    result[base] = UInt8(min(max(mixed.x, 0), 255).rounded())
                                    result[base + 1] = UInt8(min(max(mixed.y, 0), 255).rounded())
                                    result[base + 2] = UInt8(min(max(mixed.z, 0), 255).rounded())
                                }
                            }
                        }
                    }
                }
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: output)
    }

    /// The subject as an RGBA cut-out with straight colour: estimated foreground colour on soft edges.
    public func cutout(image: RGBImage, mask: GrayImage) -> [UInt8] {
        let estimate = estimator.estimate(image: image, mask: mask)
        let columns = estimate.columns()
        var output = [UInt8](repeating: 0, count: image.width * image.height * 4)
        let width = image.width
        image.pixels.withUnsafeBufferPointer { source in
            mask.pixels.withUnsafeBufferPointer { alphaSource in
                output.withUnsafeMutableBufferPointer { destination in
                    let pixels = source.baseAddress!
                    let alphas = alphaSource.baseAddress!
                    let result = destination.baseAddress!
                    concurrentRows(image.height) { y in
                        let rows = estimate.rows(at: y)
                        rows.withUnsafeBufferPointer { rowPlanes in
                            for x in 0..<width {
                                let index = y * width + x
                                let base = index * 3
                                let value = alphas[index]
                                result[index * 4 + 3] = value
                                guard value > 0 else { continue }
                                if value == 255 {
                                    result[index * 4] = pixels[base]
                                    result[index * 4 + 1] = pixels[base + 1]
                                    result[index * 4 + 2] = pixels[base + 2]
                                    continue
                                }
                                let observed = SIMD3<Float>(
                                    Float(pixels[base]), Float(pixels[base + 1]), Float(pixels[base + 2])) / 255
                                let foreground = estimate.foregroundColour(
                                    rows: rowPlanes.baseAddress!, columns: columns, x: x, observed: observed,
                                    alpha: Float(value) / 255) * 255
                                result[index * 4] = UInt8(min(max(foreground.x, 0), 255).rounded())
                                result[index * 4 + 1] = UInt8(min(max(foreground.y, 0), 255).rounded())
                                result[index * 4 + 2] = UInt8(min(max(foreground.z, 0), 255).rounded())
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}

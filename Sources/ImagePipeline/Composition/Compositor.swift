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
        let backdrop = SIMD3<Float>(Float(background.red), Float(background.green), Float(background.blue)) / 255
        let pixels = render(image: image, mask: mask, channels: 3) { alpha, observed, foreground, result in
            switch alpha {
            case 255:
                result[0] = observed[0]
                result[1] = observed[1]
                result[2] = observed[2]
            case 0:
                result[0] = background.red
                result[1] = background.green
                result[2] = background.blue
            default:
                let opacity = Float(alpha) / 255
                let mixed = (opacity * foreground(opacity) + (1 - opacity) * backdrop) * 255
                result[0] = UInt8(min(max(mixed.x, 0), 255).rounded())
                result[1] = UInt8(min(max(mixed.y, 0), 255).rounded())
                result[2] = UInt8(min(max(mixed.z, 0), 255).rounded())
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// The subject as an RGBA cut-out with straight colour: estimated foreground colour on soft edges.
    public func cutout(image: RGBImage, mask: GrayImage) -> [UInt8] {
        render(image: image, mask: mask, channels: 4) { alpha, observed, foreground, result in
            result[3] = alpha
            switch alpha {
            case 0:
                break
            case 255:
                result[0] = observed[0]
                result[1] = observed[1]
                result[2] = observed[2]
            default:
                let colour = foreground(Float(alpha) / 255) * 255
                result[0] = UInt8(min(max(colour.x, 0), 255).rounded())
                result[1] = UInt8(min(max(colour.y, 0), 255).rounded())
                result[2] = UInt8(min(max(colour.z, 0), 255).rounded())
            }
        }
    }

    /// Writes one output pixel from its alpha, its photo pixel (3 bytes), a function giving the estimated
    /// foreground colour (0…1) for an opacity, and the output pixel to fill.
    private typealias PixelWriter = (
        _ alpha: UInt8, _ observed: UnsafePointer<UInt8>, _ foreground: (Float) -> SIMD3<Float>,
        _ result: UnsafeMutablePointer<UInt8>
    ) -> Void

    /// Runs the foreground estimation, then `write` for every pixel, row bands in parallel.
    private func render(image: RGBImage, mask: GrayImage, channels: Int, _ write: PixelWriter) -> [UInt8] {
        let estimate = estimator.estimate(image: image, mask: mask)
        let columns = estimate.columns()
        var output = [UInt8](repeating: 0, count: image.width * image.height * channels)
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
                                let observed = pixels + index * 3
                                write(alphas[index], observed, { opacity in
                                    let colour = SIMD3<Float>(
                                        Float(observed[0]), Float(observed[1]), Float(observed[2])) / 255
                                    return estimate.foregroundColour(
                                        rows: rowPlanes.baseAddress!, columns: columns, x: x, observed: colour,
                                        alpha: opacity)
                                }, result + index * channels)
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}

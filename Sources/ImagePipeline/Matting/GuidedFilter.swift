import CCompose

/// Edge refinement of a soft mask with the photo as guide (He, Sun and Tang's guided filter, grey guide), computed
/// on a reduced grid and applied at full resolution through its linear coefficients, so it costs a small fraction
/// of the model's inference.
public struct GuidedFilter: Sendable {
    /// Window radius on the reduced grid.
    public var radius: Int
    /// Regularisation; larger values smooth more and follow the guide's edges less.
    public var epsilon: Float
    /// Longest side of the reduced grid.
    public var workingLongSide: Int

    /// A filter with defaults suited to book photos.
    public init(radius: Int = 6, epsilon: Float = 1e-3, workingLongSide: Int = 1024) {
        self.radius = radius
        self.epsilon = epsilon
        self.workingLongSide = workingLongSide
    }

    /// Returns the refined mask for `image`, given its current `mask`, both at full resolution: the four window
    /// means (guide, mask, guide × mask, guide²) blurred together, the linear coefficients per grid pixel, their
    /// means, then `a · luma + b` per full-resolution pixel with the coefficients sampled bilinearly.
    public func refine(mask: GrayImage, guide image: RGBImage) -> GrayImage {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        let size = grid.width * grid.height
        let colours = grid.reduce(image.pixels, channels: 3)
        let input = grid.reduce(mask.pixels, channels: 1)
        var means = [Float](repeating: 0, count: size * 4)
        var coefficients = [Float](repeating: 0, count: size * 2)
        means.withUnsafeMutableBufferPointer { means in
            coefficients.withUnsafeMutableBufferPointer { coefficients in
                let means = means.baseAddress!
                let coefficients = coefficients.baseAddress!
                for index in 0..<size {
                    let guide = 0.299 * colours[index] + 0.587 * colours[size + index] + 0.114 * colours[2 * size + index]
                    means[index] = guide
                    means[size + index] = input[index]
                    means[2 * size + index] = guide * input[index]
                    means[3 * size + index] = guide * guide
                }
                BoxFilter.smooth(means, planes: 4, width: grid.width, height: grid.height, radius: radius)
                for index in 0..<size {
                    let meanGuide = means[index]
                    let meanInput = means[size + index]
                    let variance = means[3 * size + index] - meanGuide * meanGuide
                    let covariance = means[2 * size + index] - meanGuide * meanInput
                    let slope = covariance / (variance + epsilon)
                    coefficients[index] = slope
                    coefficients[size + index] = meanInput - slope * meanGuide
                }
                BoxFilter.smooth(coefficients, planes: 2, width: grid.width, height: grid.height, radius: radius)
            }
        }
        return apply(coefficients, on: grid, to: image)
    }

    /// `a · luma + b` for every full-resolution pixel, with `a` and `b` (two grid planes, one after the other)
    /// sampled bilinearly along each row by the compositor's grid sampler.
    private func apply(_ coefficients: [Float], on grid: WorkingResolution, to image: RGBImage) -> GrayImage {
        let sampling = GridSampling(grid)
        let (gridWidth, gridHeight, width) = (grid.width, grid.height, image.width)
        var refined = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            refined.withUnsafeMutableBufferPointer { output in
                coefficients.withUnsafeBufferPointer { planes in
                    let (pixels, output, planes) = (pixels.baseAddress!, output.baseAddress!, planes.baseAddress!)
                    concurrentBands(image.height) { rows in
                        let vertical = UnsafeMutablePointer<Float>.allocate(capacity: gridWidth * 2)
                        let sampled = UnsafeMutablePointer<Float>.allocate(capacity: width * 2)
                        defer {
                            vertical.deallocate()
                            sampled.deallocate()
                        }
                        for y in rows {
                            bp_sample_grid_row(
                                planes, 2, Int32(gridWidth), Int32(gridHeight),
                                sampling.rowTop[y], sampling.rowBottom[y], sampling.rowFraction[y],
                                sampling.columnLeft, sampling.columnRight, sampling.columnWeight,
                                Int32(width), vertical, sampled)
                            for x in 0..<width {
                                let pixel = pixels + (y * width + x) * 3
                                let luma = (0.299 * Float(pixel[0]) + 0.587 * Float(pixel[1]) + 0.114 * Float(pixel[2])) / 255
                                let value = (sampled[x] * luma + sampled[width + x]) * 255
                                output[y * width + x] = UInt8(min(max(value, 0), 255) + 0.5)
                            }
                        }
                    }
                }
            }
        }
        return GrayImage(width: image.width, height: image.height, pixels: refined)
    }
}

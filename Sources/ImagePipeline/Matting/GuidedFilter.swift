import CCompose
import Foundation

/// Edge refinement of a soft mask with the photo as guide: He, Sun and Tang's guided filter with the colour guide,
/// applied only in a band around the mask's 0.5 boundary and fitted to the hard (thresholded) mask there, so the
/// boundary snaps to the photo's colour edges while the rest of the mask is only sharpened (its confident parts
/// pushed to 0 and 1) instead of blurred. The filter runs on a reduced grid and is applied at full resolution
/// through its linear coefficients, so it costs a small fraction of the model's inference.
public struct GuidedFilter: Sendable {
    /// Half the band's width, as a share of the reduced grid's diagonal; also the filter's window radius.
    public var bandFraction: Float
    /// Regularisation; larger values smooth more and follow the guide's edges less (colours in 0…1).
    public var epsilon: Float
    /// Longest side of the reduced grid.
    public var workingLongSide: Int
    /// Slope of the sharpening outside the band: `(mask − 0.5) × steepness + 0.5`, clamped.
    public var steepness: Float

    /// A filter with defaults measured on the synthetic labelled set (BENCHMARKS.md, issue 11 item 2).
    public init(bandFraction: Float = 0.006, epsilon: Float = 1e-3, workingLongSide: Int = 1024, steepness: Float = 4) {
        self.bandFraction = bandFraction
        self.epsilon = epsilon
        self.workingLongSide = workingLongSide
        self.steepness = steepness
    }

    /// Returns the refined mask for `image`, given its current `mask`, both at full resolution.
    public func refine(mask: GrayImage, guide image: RGBImage) -> GrayImage {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        let radius = max(2, Int((bandFraction * hypotf(Float(grid.width), Float(grid.height))).rounded()))
        let colours = grid.reduce(image.pixels, channels: 3)
        let soft = grid.reduce(mask.pixels, channels: 1)
        let (coefficients, band) = fit(colours: colours, hard: soft.map { $0 >= 0.5 ? 1 : 0 }, size: grid.width * grid.height, grid: grid, radius: radius)
        return apply(coefficients, band: band, on: grid, to: image, mask: mask)
    }

    /// The window means of the guide, the hard mask and their products, the per-pixel linear model
    /// `mask ≈ a · colour + b` (a 3 × 3 solve), and the window means of `a` and `b`: four grid planes. The band is
    /// where a window holds both mask values (the hard mask's dilation minus its erosion).
    private func fit(colours: [Float], hard: [Float], size: Int, grid: WorkingResolution, radius: Int) -> ([Float], [Bool]) {
        var means = [Float](repeating: 0, count: size * 13)
        var coefficients = [Float](repeating: 0, count: size * 4)
        var band = [Bool](repeating: false, count: size)
        let epsilon = epsilon
        means.withUnsafeMutableBufferPointer { means in
            coefficients.withUnsafeMutableBufferPointer { coefficients in
                let means = means.baseAddress!
                let coefficients = coefficients.baseAddress!
                for index in 0..<size {
                    let (r, g, b, p) = (colours[index], colours[size + index], colours[2 * size + index], hard[index])
                    means[index] = r
                    means[size + index] = g
                    means[2 * size + index] = b
                    means[3 * size + index] = p
                    means[4 * size + index] = r * p
                    means[5 * size + index] = g * p
                    means[6 * size + index] = b * p
                    means[7 * size + index] = r * r
                    means[8 * size + index] = r * g
                    means[9 * size + index] = r * b
                    means[10 * size + index] = g * g
                    means[11 * size + index] = g * b
                    means[12 * size + index] = b * b
                }
                BoxFilter.smooth(means, planes: 13, width: grid.width, height: grid.height, radius: radius)
                for index in 0..<size {
                    let mean = { (plane: Int) in means[plane * size + index] }
                    let meanP = mean(3)
                    guard meanP > 1e-4 && meanP < 1 - 1e-4 else {
                        coefficients[3 * size + index] = meanP < 0.5 ? 0 : 1
                        continue
                    }
                    band[index] = true
                    let (mr, mg, mb) = (mean(0), mean(1), mean(2))
                    let covariance = (mean(4) - mr * meanP, mean(5) - mg * meanP, mean(6) - mb * meanP)
                    let a11 = mean(7) - mr * mr + epsilon, a12 = mean(8) - mr * mg, a13 = mean(9) - mr * mb
                    let a22 = mean(10) - mg * mg + epsilon, a23 = mean(11) - mg * mb, a33 = mean(12) - mb * mb + epsilon
                    let c11 = a22 * a33 - a23 * a23, c12 = a13 * a23 - a12 * a33, c13 = a12 * a23 - a13 * a22
                    let c22 = a11 * a33 - a13 * a13, c23 = a12 * a13 - a11 * a23, c33 = a11 * a22 - a12 * a12
                    let determinant = a11 * c11 + a12 * c12 + a13 * c13
                    let ar = (c11 * covariance.0 + c12 * covariance.1 + c13 * covariance.2) / determinant
                    let ag = (c12 * covariance.0 + c22 * covariance.1 + c23 * covariance.2) / determinant
                    let ab = (c13 * covariance.0 + c23 * covariance.1 + c33 * covariance.2) / determinant
                    coefficients[index] = ar
                    coefficients[size + index] = ag
                    coefficients[2 * size + index] = ab
                    coefficients[3 * size + index] = meanP - ar * mr - ag * mg - ab * mb
                }
                BoxFilter.smooth(coefficients, planes: 4, width: grid.width, height: grid.height, radius: radius)
            }
        }
        return (coefficients, band)
    }

    /// Inside the band `a · colour + b` with the coefficients sampled bilinearly; elsewhere the mask sharpened.
    private func apply(_ coefficients: [Float], band: [Bool], on grid: WorkingResolution, to image: RGBImage, mask: GrayImage)
        -> GrayImage
    {
        let sampling = GridSampling(grid)
        let (gridWidth, gridHeight, width, height) = (grid.width, grid.height, image.width, image.height)
        let steepness = steepness
        var refined = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { pixels in
            mask.pixels.withUnsafeBufferPointer { soft in
                refined.withUnsafeMutableBufferPointer { output in
                    coefficients.withUnsafeBufferPointer { planes in
                        let (pixels, soft, output, planes) = (pixels.baseAddress!, soft.baseAddress!, output.baseAddress!, planes.baseAddress!)
                        concurrentBands(height) { rows in
                            let vertical = UnsafeMutablePointer<Float>.allocate(capacity: gridWidth * 4)
                            let sampled = UnsafeMutablePointer<Float>.allocate(capacity: width * 4)
                            defer {
                                vertical.deallocate()
                                sampled.deallocate()
                            }
                            for y in rows {
                                let gridRow = min(gridHeight - 1, y * gridHeight / height) * gridWidth
                                var sampledRow = false
                                for x in 0..<width {
                                    let index = y * width + x
                                    guard band[gridRow + min(gridWidth - 1, x * gridWidth / width)] else {
                                        let value = ((Float(soft[index]) / 255 - 0.5) * steepness + 0.5) * 255
                                        output[index] = UInt8(min(max(value, 0), 255) + 0.5)
                                        continue
                                    }
                                    if !sampledRow {
                                        bp_sample_grid_row(
                                            planes, 4, Int32(gridWidth), Int32(gridHeight),
                                            sampling.rowTop[y], sampling.rowBottom[y], sampling.rowFraction[y],
                                            sampling.columnLeft, sampling.columnRight, sampling.columnWeight,
                                            Int32(width), vertical, sampled)
                                        sampledRow = true
                                    }
                                    let pixel = pixels + index * 3
                                    let value = (sampled[x] * Float(pixel[0]) + sampled[width + x] * Float(pixel[1])
                                        + sampled[2 * width + x] * Float(pixel[2])) / 255 + sampled[3 * width + x]
                                    output[index] = UInt8(min(max(value * 255, 0), 255) + 0.5)
                                }
                            }
                        }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: refined)
    }
}

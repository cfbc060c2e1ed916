import CCompose
import Foundation

/// Edge refinement of a soft mask with the photo as guide. On a reduced grid, the pixels near the mask's 0.5
/// boundary and those the model left uncertain form a trimap's unknown region, solved as a closed-form matte
/// (``ClosedFormMatte``) with the rest of the mask, thresholded, as its known values; He, Sun and Tang's guided
/// filter, fitted to that matte with the colour guide, carries it to full resolution through its linear
/// coefficients, applied only in the unknown region. The rest of the mask is sharpened (its confident parts pushed
/// to 0 and 1) instead of blurred. Last, the soft pixels take a separable 5 × 5 median (``SoftPixelMedian``),
/// which removes the speckle the colour model draws from noise. The grid is small, so it costs a fraction of the
/// model's inference.
public struct EdgeRefinement: Sendable {
    /// Half the width of the unknown band around the 0.5 boundary, as a share of the reduced grid's diagonal.
    public var bandFraction: Float
    /// Mask values strictly between these bounds are unknown too, wherever they are.
    public var uncertainBounds: (lower: Float, upper: Float)
    /// Longest side of the reduced grid.
    public var workingLongSide: Int
    /// Window radius (grid pixels) of the guided filter that carries the matte to full resolution.
    public var fitRadius: Int
    /// Regularisation of that guided filter (colours in 0…1).
    public var fitEpsilon: Float
    /// Slope of the sharpening outside the unknown region: `(mask − 0.5) × steepness + 0.5`, clamped.
    public var steepness: Float

    /// A refinement with defaults measured on the synthetic labelled set (BENCHMARKS.md, issue 11 item 2).
    public init(
        bandFraction: Float = 0.006, uncertainBounds: (lower: Float, upper: Float) = (0.1, 0.9), workingLongSide: Int = 320,
        fitRadius: Int = 1, fitEpsilon: Float = 1e-4, steepness: Float = 4
    ) {
        self.bandFraction = bandFraction
        self.uncertainBounds = uncertainBounds
        self.workingLongSide = workingLongSide
        self.fitRadius = fitRadius
        self.fitEpsilon = fitEpsilon
        self.steepness = steepness
    }

    /// A photo reduced once to the grid, so that a second mask of the same photo (the book-outline step's, after
    /// the model's) is refined without reducing the photo again.
    struct Guide: Sendable {
        /// The photo at full resolution.
        let image: RGBImage
        /// The grid and the full size it came from.
        let grid: WorkingResolution
        /// The photo's block averages on the grid (0…1), plane after plane.
        let colours: [Float]
    }

    /// `image` reduced to this refinement's grid.
    func guide(for image: RGBImage) -> Guide {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        return Guide(image: image, grid: grid, colours: grid.reduce(image.pixels, channels: 3))
    }

    /// Returns the refined mask for `image`, given its current `mask`, both at full resolution.
    public func refine(mask: GrayImage, guide image: RGBImage) -> GrayImage {
        refine(mask: mask, guide: guide(for: image))
    }

    /// Returns the refined mask for the guide's photo, given its current `mask` at full resolution.
    func refine(mask: GrayImage, guide: Guide) -> GrayImage {
        let (image, grid, colours) = (guide.image, guide.grid, guide.colours)
        let size = grid.width * grid.height
        let radius = max(2, Int((bandFraction * hypotf(Float(grid.width), Float(grid.height))).rounded()))
        let soft = grid.reduce(mask.pixels, channels: 1)
        let hard = soft.map { $0 >= 0.5 ? Float(1) : 0 }
        var nearBoundary = hard
        nearBoundary.withUnsafeMutableBufferPointer {
            BoxFilter.smooth($0.baseAddress!, planes: 1, width: grid.width, height: grid.height, radius: radius)
        }
        let (lower, upper) = uncertainBounds
        let unknown = (0..<size).map { index in
            (nearBoundary[index] > 1e-4 && nearBoundary[index] < 1 - 1e-4) || (soft[index] > lower && soft[index] < upper)
        }
        let matte = ClosedFormMatte(colours: colours, width: grid.width, height: grid.height)
            .solve(known: hard, start: soft, unknown: unknown)
        let coefficients = fit(colours: colours, target: matte, size: size, grid: grid)
        return SoftPixelMedian.filter(apply(coefficients, band: unknown, on: grid, to: image, mask: mask))
    }

    /// The window means of the guide, the matte and their products, the per-pixel linear model
    /// `matte ≈ a · colour + b` (a 3 × 3 solve), and the window means of `a` and `b`: four grid planes.
    private func fit(colours: [Float], target: [Float], size: Int, grid: WorkingResolution) -> [Float] {
        var means = [Float](repeating: 0, count: size * 13)
        var coefficients = [Float](repeating: 0, count: size * 4)
        let (epsilon, radius) = (fitEpsilon, fitRadius)
        means.withUnsafeMutableBufferPointer { means in
            coefficients.withUnsafeMutableBufferPointer { coefficients in
                let means = means.baseAddress!
                let coefficients = coefficients.baseAddress!
                for index in 0..<size {
                    let (r, g, b, p) = (colours[index], colours[size + index], colours[2 * size + index], target[index])
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
                    let colourMean = SIMD3(Double(mean(0)), Double(mean(1)), Double(mean(2)))
                    let products = Matrix3(
                        xx: Double(mean(7)), xy: Double(mean(8)), xz: Double(mean(9)), yy: Double(mean(10)),
                        yz: Double(mean(11)), zz: Double(mean(12)))
                    let covariance = SIMD3(Double(mean(4)), Double(mean(5)), Double(mean(6))) - colourMean * Double(meanP)
                    let slope = products.covariance(mean: colourMean, count: 1, regularisation: Double(epsilon)).inverse * covariance
                    let (ar, ag, ab) = (Float(slope.x), Float(slope.y), Float(slope.z))
                    let (mr, mg, mb) = (mean(0), mean(1), mean(2))
                    coefficients[index] = ar
                    coefficients[size + index] = ag
                    coefficients[2 * size + index] = ab
                    coefficients[3 * size + index] = meanP - ar * mr - ag * mg - ab * mb
                }
                BoxFilter.smooth(coefficients, planes: 4, width: grid.width, height: grid.height, radius: radius)
            }
        }
        return coefficients
    }

    /// In the unknown region `a · colour + b` with the coefficients sampled bilinearly; elsewhere the mask sharpened
    /// (a table of the 256 mask values). Rows in bands on every core, each band's rows in C (`bp_refine_rows`).
    private func apply(_ coefficients: [Float], band: [Bool], on grid: WorkingResolution, to image: RGBImage, mask: GrayImage)
        -> GrayImage
    {
        let sampling = GridSampling(grid)
        let (gridWidth, gridHeight, width, height) = (grid.width, grid.height, image.width, image.height)
        let sharpened = (0...255).map { sample -> UInt8 in
            let value = ((Float(sample) / 255 - 0.5) * steepness + 0.5) * 255
            return UInt8(min(max(value, 0), 255) + 0.5)
        }
        var refined = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { pixels in
            mask.pixels.withUnsafeBufferPointer { soft in
                refined.withUnsafeMutableBufferPointer { output in
                    coefficients.withUnsafeBufferPointer { planes in
                        band.withUnsafeBufferPointer { band in
                            band.withMemoryRebound(to: UInt8.self) { flags in
                                sharpened.withUnsafeBufferPointer { sharpened in
                                    let (pixels, soft, output) = (pixels.baseAddress!, soft.baseAddress!, output.baseAddress!)
                                    let (planes, flags, sharpened) = (planes.baseAddress!, flags.baseAddress!, sharpened.baseAddress!)
                                    concurrentBands(height) { rows in
                                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: gridWidth * 4)
                                        defer { scratch.deallocate() }
                                        bp_refine_rows(
                                            pixels, soft, Int32(width), Int32(height), Int32(rows.lowerBound),
                                            Int32(rows.upperBound), planes, Int32(gridWidth), Int32(gridHeight), flags,
                                            sampling.rowTop, sampling.rowBottom, sampling.rowFraction, sampling.columnLeft,
                                            sampling.columnRight, sampling.columnWeight, sharpened, scratch, output)
                                    }
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

/// Estimates the true colour of the subject where the mask is soft, so that compositing `α·F + (1−α)·B` shows no
/// fringe of the old background. It follows Forte and Pitié's blur-fusion estimator (box blurs of weighted colours
/// and a closed-form correction) on a reduced grid, and applies the final correction per full-resolution pixel.
public struct ForegroundEstimator: Sendable {
    /// Longest side of the reduced grid the blurs run on.
    public var workingLongSide: Int

    /// An estimator with the default reduced grid of 256 px: the estimates are smooth by construction (the
    /// correction at full resolution restores detail), so a finer grid only costs time.
    public init(workingLongSide: Int = 256) {
        self.workingLongSide = workingLongSide
    }

    /// Smooth estimates of the foreground and background colour around every pixel, on the reduced grid.
    public struct Estimate: Sendable {
        fileprivate let grid: WorkingResolution
        /// Six planes of the grid's size one after another: foreground R G B, then background R G B (0…1).
        fileprivate let planes: [Float]

        /// Width and height of the grid the planes cover.
        var gridSize: (width: Int, height: Int) { (grid.width, grid.height) }

        /// The lookups for sampling the planes bilinearly at every full-resolution pixel.
        func sampling() -> GridSampling { GridSampling(grid) }

        /// Runs `body` with the six planes: foreground R G B, then background R G B, each `gridSize` large.
        func withPlanes<Result>(_ body: (UnsafePointer<Float>) -> Result) -> Result {
            planes.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }

    /// Runs the two passes for `image` with opacity `mask`: a wide pass that averages colours of confidently
    /// opaque and confidently transparent pixels around each pixel (falling back to alpha weights where there are
    /// none in reach), then a narrow blur-fusion pass on the corrected colours. Window radii are fixed fractions of
    /// the photo's long side (90/1024 and 6/1024), whatever the grid.
    public func estimate(image: RGBImage, mask: GrayImage) -> Estimate {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        let observed = grid.reduce(image.pixels, channels: 3)
        let alpha = grid.reduce(mask.pixels, channels: 1)
        let fullLongSide = Double(max(image.width, image.height))
        let wideRadius = max(4, Int(fullLongSide * 90 / 1024 / Double(grid.factor)))
        let narrowRadius = max(1, Int((fullLongSide * 6 / 1024 / Double(grid.factor)).rounded()))
        let size = grid.width * grid.height
        let width = grid.width
        var stack = [Float](repeating: 0, count: size * 8)
        var planes = [Float](repeating: 0, count: size * 6)
        stack.withUnsafeMutableBufferPointer { stackBuffer in
            observed.withUnsafeBufferPointer { observedBuffer in
                alpha.withUnsafeBufferPointer { alphaBuffer in
                    planes.withUnsafeMutableBufferPointer { planesBuffer in
                        let stack = stackBuffer.baseAddress!
                        let colours = observedBuffer.baseAddress!
                        let alpha = alphaBuffer.baseAddress!
                        let result = planesBuffer.baseAddress!
                        func colour(_ index: Int) -> SIMD3<Float> {
                            SIMD3(colours[index], colours[size + index], colours[2 * size + index])
                        }
                        concurrentRows(grid.height) { y in
                            for index in (y * width)..<((y + 1) * width) {
                                let a = alpha[index]
                                Self.storeWeighted(
                                    stack, index: index, size: size, foreground: colour(index),
                                    foregroundWeight: a >= 0.95 ? 1 : 0.01 * a, background: colour(index),
                                    backgroundWeight: a <= 0.05 ? 1 : 0.01 * (1 - a))
                            }
                        }
                        BoxFilter.smooth(stack, planes: 8, width: width, height: grid.height, radius: wideRadius)
                        concurrentRows(grid.height) { y in
                            for index in (y * width)..<((y + 1) * width) {
                                let a = alpha[index]
                                let (foreground, background) = Self.means(stack, index: index, size: size)
                                let corrected = Self.corrected(foreground, background, observed: colour(index), alpha: a)
                                Self.storeWeighted(
                                    stack, index: index, size: size, foreground: corrected, foregroundWeight: a,
                                    background: background, backgroundWeight: 1 - a)
                            }
                        }
                        BoxFilter.smooth(stack, planes: 8, width: width, height: grid.height, radius: narrowRadius)
                        concurrentRows(grid.height) { y in
                            for index in (y * width)..<((y + 1) * width) {
                                let (foreground, background) = Self.means(stack, index: index, size: size)
                                for channel in 0..<3 {
                                    result[channel * size + index] = foreground[channel]
                                    result[(channel + 3) * size + index] = background[channel]
                                }
                            }
                        }
                    }
                }
            }
        }
        return Estimate(grid: grid, planes: planes)
    }

    /// Writes one grid pixel's pass inputs into the eight planes: the two weights, then foreground × its weight,
    /// then background × its weight.
    @inline(__always)
    private static func storeWeighted(
        _ stack: UnsafeMutablePointer<Float>, index: Int, size: Int, foreground: SIMD3<Float>, foregroundWeight: Float,
        background: SIMD3<Float>, backgroundWeight: Float
    ) {
        stack[index] = foregroundWeight
        stack[size + index] = backgroundWeight
        for channel in 0..<3 {
            stack[(2 + channel) * size + index] = foreground[channel] * foregroundWeight
            stack[(5 + channel) * size + index] = background[channel] * backgroundWeight
        }
    }

    /// The weighted local means of foreground and background colour at one grid pixel of the blurred planes.
    @inline(__always)
    private static func means(
        _ stack: UnsafeMutablePointer<Float>, index: Int, size: Int
    ) -> (foreground: SIMD3<Float>, background: SIMD3<Float>) {
        let foregroundNorm = 1 / (stack[index] + 1e-6)
        let backgroundNorm = 1 / (stack[size + index] + 1e-6)
        let foreground = SIMD3<Float>(stack[2 * size + index], stack[3 * size + index], stack[4 * size + index])
        let background = SIMD3<Float>(stack[5 * size + index], stack[6 * size + index], stack[7 * size + index])
        return (foreground * foregroundNorm, background * backgroundNorm)
    }

    /// Blur-fusion's correction `F = F̄ + α (I − α F̄ − (1 − α) B̄)`, clamped to 0…1.
    @inline(__always)
    private static func corrected(
        _ foreground: SIMD3<Float>, _ background: SIMD3<Float>, observed: SIMD3<Float>, alpha: Float
    ) -> SIMD3<Float> {
        let value = foreground + alpha * (observed - alpha * foreground - (1 - alpha) * background)
        return value.clamped(lowerBound: SIMD3(repeating: 0), upperBound: SIMD3(repeating: 1))
    }
}

/// Estimates the true colour of the subject where the mask is soft, so that compositing `α·F + (1−α)·B` shows no
/// fringe of the old background. It follows Forte and Pitié's blur-fusion estimator (box blurs of weighted colours
/// and a closed-form correction) on a reduced grid, and applies the final correction per full-resolution pixel.
public struct ForegroundEstimator: Sendable {
    /// Longest side of the reduced grid the blurs run on.
    public var workingLongSide: Int

    /// An estimator with the default reduced grid of 1,024 px.
    public init(workingLongSide: Int = 1024) {
        self.workingLongSide = workingLongSide
    }

    /// Smooth estimates of the foreground and background colour around every pixel, on the reduced grid.
    public struct Estimate: Sendable {
        fileprivate let grid: WorkingResolution
        fileprivate let foreground: [Plane]
        fileprivate let background: [Plane]

        /// The foreground colour (0…1 per channel) of the full-resolution pixel at (x, y), whose photo colour is
        /// `observed` (0…1) and whose opacity is `alpha` (0…1).
        @inline(__always)
        public func foregroundColour(x: Int, y: Int, observed: SIMD3<Float>, alpha: Float) -> SIMD3<Float> {
            let position = grid.reducedPosition(x: x, y: y)
            var colour = SIMD3<Float>()
            for channel in 0..<3 {
                let blurredForeground = foreground[channel].sample(x: position.x, y: position.y)
                let blurredBackground = background[channel].sample(x: position.x, y: position.y)
                let corrected = blurredForeground
                    + alpha * (observed[channel] - alpha * blurredForeground - (1 - alpha) * blurredBackground)
                colour[channel] = min(max(corrected, 0), 1)
            }
            return colour
        }
    }

    /// Runs the two passes for `image` with opacity `mask`: a wide pass that averages colours of confidently
    /// opaque and confidently transparent pixels around each pixel (falling back to alpha weights where there are
    /// none in reach), then a narrow blur-fusion pass on the corrected colours.
    public func estimate(image: RGBImage, mask: GrayImage) -> Estimate {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        let observed = (0..<3).map { grid.reduce(image.pixels, channels: 3, channel: $0) }
        let alpha = grid.reduce(mask.pixels, channels: 1, channel: 0)
        let longSide = max(grid.width, grid.height)
        let wideRadius = max(4, longSide * 90 / 1024)
        let narrowRadius = max(1, longSide * 6 / 1024)
        let confidentForeground = alpha.values.map { $0 >= 0.95 ? 1 : 0.01 * $0 }
        let confidentBackground = alpha.values.map { $0 <= 0.05 ? 1 : 0.01 * (1 - $0) }
        let first = pass(
            observed: observed, foreground: observed, background: observed, alpha: alpha,
            foregroundWeight: Plane(width: alpha.width, height: alpha.height, values: confidentForeground),
            backgroundWeight: Plane(width: alpha.width, height: alpha.height, values: confidentBackground),
            radius: wideRadius)
        let second = pass(
            observed: observed, foreground: first.corrected, background: first.blurredBackground, alpha: alpha,
            foregroundWeight: alpha,
            backgroundWeight: Plane(width: alpha.width, height: alpha.height, values: alpha.values.map { 1 - $0 }),
            radius: narrowRadius)
        return Estimate(grid: grid, foreground: second.blurredForeground, background: second.blurredBackground)
    }

    private struct PassResult {
        let corrected: [Plane]
        let blurredForeground: [Plane]
        let blurredBackground: [Plane]
    }

    /// One blur-fusion pass: weighted local means of foreground and background colour, then the correction
    /// `F = F̄ + α (I − α F̄ − (1 − α) B̄)`.
    private func pass(
        observed: [Plane], foreground: [Plane], background: [Plane], alpha: Plane, foregroundWeight: Plane,
        backgroundWeight: Plane, radius: Int
    ) -> PassResult {
        let foregroundNorm = BoxFilter.mean(foregroundWeight, radius: radius)
        let backgroundNorm = BoxFilter.mean(backgroundWeight, radius: radius)
        var corrected: [Plane] = []
        var blurredForegrounds: [Plane] = []
        var blurredBackgrounds: [Plane] = []
        for channel in 0..<3 {
            var blurredForeground = BoxFilter.mean(foreground[channel] * foregroundWeight, radius: radius)
            var blurredBackground = BoxFilter.mean(background[channel] * backgroundWeight, radius: radius)
            var result = observed[channel]
            for index in result.values.indices {
                let a = alpha.values[index]
                let f = blurredForeground.values[index] / (foregroundNorm.values[index] + 1e-6)
                let b = blurredBackground.values[index] / (backgroundNorm.values[index] + 1e-6)
                blurredForeground.values[index] = f
                blurredBackground.values[index] = b
                let value = f + a * (observed[channel].values[index] - a * f - (1 - a) * b)
                result.values[index] = min(max(value, 0), 1)
            }
            corrected.append(result)
            blurredForegrounds.append(blurredForeground)
            blurredBackgrounds.append(blurredBackground)
        }
        return PassResult(
            corrected: corrected, blurredForeground: blurredForegrounds, blurredBackground: blurredBackgrounds)
    }
}

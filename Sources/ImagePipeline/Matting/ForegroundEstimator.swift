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

        /// For every full-resolution column: the two grid columns around it and the weight of the right one.
        struct Columns {
            let left: [Int]
            let right: [Int]
            let weight: [Float]
        }

        /// The column lookup for bilinear sampling along full-resolution rows.
        func columns() -> Columns {
            var left = [Int](repeating: 0, count: grid.fullWidth)
            var right = [Int](repeating: 0, count: grid.fullWidth)
            var weight = [Float](repeating: 0, count: grid.fullWidth)
            for x in 0..<grid.fullWidth {
                let position = min(max(grid.reducedPosition(x: x, y: 0).x, 0), Float(grid.width - 1))
                left[x] = Int(position)
                right[x] = min(left[x] + 1, grid.width - 1)
                weight[x] = position - Float(left[x])
            }
            return Columns(left: left, right: right, weight: weight)
        }

        /// The six estimate planes (foreground R G B, background R G B) interpolated vertically at full-resolution
        /// row `y`, each `grid.width` long, one after another.
        func rows(at y: Int) -> [Float] {
            let position = min(max(grid.reducedPosition(x: 0, y: y).y, 0), Float(grid.height - 1))
            let top = Int(position)
            let bottom = min(top + 1, grid.height - 1)
            let fraction = position - Float(top)
            let width = grid.width
            var values = [Float](repeating: 0, count: width * 6)
            for (plane, source) in (foreground + background).enumerated() {
                for x in 0..<width {
                    let upper = source.values[top * width + x]
                    let lower = source.values[bottom * width + x]
                    values[plane * width + x] = upper + (lower - upper) * fraction
                }
            }
            return values
        }

        /// The foreground colour (0…1 per channel) at full-resolution column `x` of the row whose interpolated
        /// planes are `rows`, for a pixel of photo colour `observed` (0…1) and opacity `alpha` (0…1).
        @inline(__always)
        func foregroundColour(
            rows: UnsafePointer<Float>, columns: Columns, x: Int, observed: SIMD3<Float>, alpha: Float
        ) -> SIMD3<Float> {
            let left = columns.left[x]
            let right = columns.right[x]
            let weight = columns.weight[x]
            let width = grid.width
            var colour = SIMD3<Float>()
            for channel in 0..<3 {
                let foregroundRow = rows + channel * width
                let backgroundRow = rows + (channel + 3) * width
                let f = foregroundRow[left] + (foregroundRow[right] - foregroundRow[left]) * weight
                let b = backgroundRow[left] + (backgroundRow[right] - backgroundRow[left]) * weight
                let corrected = f + alpha * (observed[channel] - alpha * f - (1 - alpha) * b)
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
        let observed = grid.reduce(image.pixels, channels: 3)
        let alpha = grid.reduce(mask.pixels, channels: 1)[0]
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

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

    /// Returns the refined mask for `image`, given its current `mask`, both at full resolution.
    public func refine(mask: GrayImage, guide image: RGBImage) -> GrayImage {
        let grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: workingLongSide)
        let guide = lumaPlane(of: image, on: grid)
        let input = grid.reduce(mask.pixels, channels: 1)[0]
        let meanGuide = BoxFilter.mean(guide, radius: radius)
        let meanInput = BoxFilter.mean(input, radius: radius)
        let meanGuideInput = BoxFilter.mean(guide * input, radius: radius)
        let meanGuideSquared = BoxFilter.mean(guide * guide, radius: radius)
        var slope = Plane(width: grid.width, height: grid.height)
        var offset = Plane(width: grid.width, height: grid.height)
        for index in slope.values.indices {
            let variance = meanGuideSquared.values[index] - meanGuide.values[index] * meanGuide.values[index]
            let covariance = meanGuideInput.values[index] - meanGuide.values[index] * meanInput.values[index]
            let a = covariance / (variance + epsilon)
            slope.values[index] = a
            offset.values[index] = meanInput.values[index] - a * meanGuide.values[index]
        }
        let meanSlope = BoxFilter.mean(slope, radius: radius)
        let meanOffset = BoxFilter.mean(offset, radius: radius)
        var refined = [UInt8](repeating: 0, count: mask.pixels.count)
        let width = image.width
        image.pixels.withUnsafeBufferPointer { source in
            refined.withUnsafeMutableBufferPointer { destination in
                let sourceBase = source.baseAddress!
                let destinationBase = destination.baseAddress!
                concurrentRows(image.height) { y in
                    for x in 0..<width {
                        let position = grid.reducedPosition(x: x, y: y)
                        let a = meanSlope.sample(x: position.x, y: position.y)
                        let b = meanOffset.sample(x: position.x, y: position.y)
                        let pixel = sourceBase + (y * width + x) * 3
                        let luma = (0.299 * Float(pixel[0]) + 0.587 * Float(pixel[1]) + 0.114 * Float(pixel[2])) / 255
                        let value = (a * luma + b) * 255
                        destinationBase[y * width + x] = UInt8(min(max(value, 0), 255).rounded())
                    }
                }
            }
        }
        return GrayImage(width: mask.width, height: mask.height, pixels: refined)
    }

    private func lumaPlane(of image: RGBImage, on grid: WorkingResolution) -> Plane {
        let planes = grid.reduce(image.pixels, channels: 3)
        let (red, green, blue) = (planes[0], planes[1], planes[2])
        var values = red.values
        for index in values.indices {
            values[index] = 0.299 * red.values[index] + 0.587 * green.values[index] + 0.114 * blue.values[index]
        }
        return Plane(width: grid.width, height: grid.height, values: values)
    }
}

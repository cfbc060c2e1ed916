/// The mean over a square window of radius `r` (side `2r + 1`), clipped at the borders, in time independent of `r`.
enum BoxFilter {
    static func mean(_ plane: Plane, radius: Int) -> Plane {
        let width = plane.width
        let height = plane.height
        guard radius > 0, width > 0, height > 0 else { return plane }
        var horizontal = [Float](repeating: 0, count: width * height)
        plane.values.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { destination in
                let sourceBase = source.baseAddress!
                let destinationBase = destination.baseAddress!
                concurrentRows(height) { y in
                    slidingMean(
                        from: sourceBase + y * width, step: 1, count: width, radius: radius,
                        into: destinationBase + y * width, outputStep: 1)
                }
            }
        }
        var result = [Float](repeating: 0, count: width * height)
        horizontal.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { destination in
                let sourceBase = source.baseAddress!
                let destinationBase = destination.baseAddress!
                concurrentRows(width) { x in
                    slidingMean(
                        from: sourceBase + x, step: width, count: height, radius: radius,
                        into: destinationBase + x, outputStep: width)
                }
            }
        }
        return Plane(width: width, height: height, values: result)
    }

    @inline(__always)
    private static func slidingMean(
        from source: UnsafePointer<Float>, step: Int, count: Int, radius: Int,
        into destination: UnsafeMutablePointer<Float>, outputStep: Int
    ) {
        var sum: Double = 0
        var included = 0
        let firstWindowEnd = min(radius, count - 1)
        for index in 0...firstWindowEnd {
            sum += Double(source[index * step])
            included += 1
        }
        for index in 0..<count {
            destination[index * outputStep] = Float(sum / Double(included))
            let entering = index + radius + 1
            if entering < count {
                sum += Double(source[entering * step])
                included += 1
            }
            let leaving = index - radius
            if leaving >= 0 {
                sum -= Double(source[leaving * step])
                included -= 1
            }
        }
    }
}

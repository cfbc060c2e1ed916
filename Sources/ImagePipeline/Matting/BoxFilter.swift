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
                let strips = max(1, min(width / 64, 8))
                concurrentRows(strips, serialBelow: 2) { strip in
                    let first = width * strip / strips
                    let last = width * (strip + 1) / strips
                    verticalMean(
                        sourceBase, into: destinationBase, width: width, height: height, columns: first..<last,
                        radius: radius)
                }
            }
        }
        return Plane(width: width, height: height, values: result)
    }

    /// The vertical pass row by row over a strip of columns: a running sum per column, so memory is read in order.
    private static func verticalMean(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, width: Int, height: Int,
        columns: Range<Int>, radius: Int
    ) {
        var sums = [Double](repeating: 0, count: columns.count)
        sums.withUnsafeMutableBufferPointer { sums in
            let firstWindowEnd = min(radius, height - 1)
            for row in 0...firstWindowEnd {
                let line = source + row * width + columns.lowerBound
                for column in 0..<columns.count { sums[column] += Double(line[column]) }
            }
            var included = firstWindowEnd + 1
            for row in 0..<height {
                let output = destination + row * width + columns.lowerBound
                let scale = 1 / Double(included)
                for column in 0..<columns.count { output[column] = Float(sums[column] * scale) }
                let entering = row + radius + 1
                if entering < height {
                    let line = source + entering * width + columns.lowerBound
                    for column in 0..<columns.count { sums[column] += Double(line[column]) }
                    included += 1
                }
                let leaving = row - radius
                if leaving >= 0 {
                    let line = source + leaving * width + columns.lowerBound
                    for column in 0..<columns.count { sums[column] -= Double(line[column]) }
                    included -= 1
                }
            }
        }
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

/// The mean over a square window of radius `r` (side `2r + 1`), clipped at the borders, in time independent of `r`.
enum BoxFilter {
    /// Replaces each of `planes` planes of `width × height` values, stored one after another at `values`, by its
    /// box mean: a horizontal pass into scratch memory, then a vertical pass back, both spread over the cores.
    static func smooth(_ values: UnsafeMutablePointer<Float>, planes: Int, width: Int, height: Int, radius: Int) {
        guard radius > 0, width > 0, height > 0, planes > 0 else { return }
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: width * height * planes)
        defer { scratch.deallocate() }
        concurrentRows(height * planes) { row in
            slidingMean(values + row * width, count: width, radius: radius, into: scratch + row * width)
        }
        let stripsPerPlane = max(1, min(width / 64, 8))
        concurrentRows(planes * stripsPerPlane, serialBelow: 2) { item in
            let plane = item / stripsPerPlane
            let strip = item % stripsPerPlane
            let offset = plane * width * height
            verticalMean(
                scratch + offset, into: values + offset, width: width, height: height,
                columns: (width * strip / stripsPerPlane)..<(width * (strip + 1) / stripsPerPlane), radius: radius)
        }
    }

    /// The vertical pass row by row over a strip of columns: a running sum per column, so memory is read in order.
    private static func verticalMean(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, width: Int, height: Int,
        columns: Range<Int>, radius: Int
    ) {
        let count = columns.count
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: count)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: count)
        let firstWindowEnd = min(radius, height - 1)
        for row in 0...firstWindowEnd {
            let line = source + row * width + columns.lowerBound
            for column in 0..<count { sums[column] += Double(line[column]) }
        }
        var included = firstWindowEnd + 1
        for row in 0..<height {
            let output = destination + row * width + columns.lowerBound
            let scale = 1 / Double(included)
            for column in 0..<count { output[column] = Float(sums[column] * scale) }
            let entering = row + radius + 1
            if entering < height {
                let line = source + entering * width + columns.lowerBound
                for column in 0..<count { sums[column] += Double(line[column]) }
                included += 1
            }
            let leaving = row - radius
            if leaving >= 0 {
                let line = source + leaving * width + columns.lowerBound
                for column in 0..<count { sums[column] -= Double(line[column]) }
                included -= 1
            }
        }
    }

    /// The horizontal pass over one row: a running sum over the window.
    @inline(__always)
    private static func slidingMean(
        _ source: UnsafePointer<Float>, count: Int, radius: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        var sum: Double = 0
        let firstWindowEnd = min(radius, count - 1)
        for index in 0...firstWindowEnd { sum += Double(source[index]) }
        var included = firstWindowEnd + 1
        for index in 0..<count {
            destination[index] = Float(sum / Double(included))
            let entering = index + radius + 1
            if entering < count {
                sum += Double(source[entering])
                included += 1
            }
            let leaving = index - radius
            if leaving >= 0 {
                sum -= Double(source[leaving])
                included -= 1
            }
        }
    }
}

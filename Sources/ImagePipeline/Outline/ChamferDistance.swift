/// The distance from every pixel of a grid to the nearest marked pixel, in pixels, by the 3-4 chamfer (two passes;
/// a step across costs 1, a diagonal step 4/3, within about 6 % of the straight-line distance).
struct ChamferDistance {
    private let steps: [Int32]

    /// The distances to the pixels `marked` is true for (`width × height`, row by row).
    init(marked: [Bool], width: Int, height: Int) {
        let far = Int32.max / 2
        var steps = marked.map { $0 ? Int32(0) : far }
        steps.withUnsafeMutableBufferPointer { steps in
            guard let first = steps.baseAddress, width > 0 else { return }
            // Each pass takes a pixel's least of itself and its neighbours already passed, plus their step costs. The
            // neighbours in the row passed before are final, so a row first takes those three for all its pixels at
            // once (a loop without a carried dependency), then its neighbour along the row, one pixel after another.
            // Taking the least in another order gives the same integers. Costs never overflow: `far` + 4 fits.
            for y in 0..<height {
                let row = first + y * width
                if y > 0 { Self.takeRow(row - width, into: row, width: width) }
                for x in stride(from: 1, to: width, by: 1) { row[x] = min(row[x], row[x - 1] &+ 3) }
            }
            for y in stride(from: height - 1, through: 0, by: -1) {
                let row = first + y * width
                if y < height - 1 { Self.takeRow(row + width, into: row, width: width) }
                for x in stride(from: width - 2, through: 0, by: -1) { row[x] = min(row[x], row[x + 1] &+ 3) }
            }
        }
        self.steps = steps
    }

    /// `row[x]` becomes the least of itself, `passed[x] + 3` and the diagonal neighbours `passed[x ± 1] + 4`.
    private static func takeRow(
        _ passed: UnsafeMutablePointer<Int32>, into row: UnsafeMutablePointer<Int32>, width: Int
    ) {
        guard width > 1 else {
            row[0] = min(row[0], passed[0] &+ 3)
            return
        }
        row[0] = min(row[0], passed[0] &+ 3, passed[1] &+ 4)
        for x in stride(from: 1, to: width - 1, by: 1) {
            row[x] = min(row[x], passed[x] &+ 3, passed[x - 1] &+ 4, passed[x + 1] &+ 4)
        }
        row[width - 1] = min(row[width - 1], passed[width - 1] &+ 3, passed[width - 2] &+ 4)
    }

    /// The distance at pixel `index` (row-major), in pixels.
    func pixels(at index: Int) -> Float { Float(steps[index]) / 3 }
}

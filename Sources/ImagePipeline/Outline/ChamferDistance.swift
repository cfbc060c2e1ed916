/// The distance from every pixel of a grid to the nearest marked pixel, in pixels, by the 3-4 chamfer (two passes;
/// a step across costs 1, a diagonal step 4/3, within about 6 % of the straight-line distance).
struct ChamferDistance {
    private let steps: [Int32]

    /// The distances to the pixels `marked` is true for (`width × height`, row by row).
    init(marked: [Bool], width: Int, height: Int) {
        let far = Int32.max / 2
        var steps = marked.map { $0 ? Int32(0) : far }
        func relax(_ index: Int, from other: Int, cost: Int32) {
            let through = steps[other] + cost
            if through < steps[index] { steps[index] = through }
        }
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                if x > 0 { relax(index, from: index - 1, cost: 3) }
                if y > 0 {
                    relax(index, from: index - width, cost: 3)
                    if x > 0 { relax(index, from: index - width - 1, cost: 4) }
                    if x < width - 1 { relax(index, from: index - width + 1, cost: 4) }
                }
            }
        }
        for y in stride(from: height - 1, through: 0, by: -1) {
            for x in stride(from: width - 1, through: 0, by: -1) {
                let index = y * width + x
                if x < width - 1 { relax(index, from: index + 1, cost: 3) }
                if y < height - 1 {
                    relax(index, from: index + width, cost: 3)
                    if x < width - 1 { relax(index, from: index + width + 1, cost: 4) }
                    if x > 0 { relax(index, from: index + width - 1, cost: 4) }
                }
            }
        }
        self.steps = steps
    }

    /// The distance at pixel `index` (row-major), in pixels.
    func pixels(at index: Int) -> Float { Float(steps[index]) / 3 }
}

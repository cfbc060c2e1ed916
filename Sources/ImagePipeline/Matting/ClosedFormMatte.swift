/// Levin, Lischinski and Weiss's closed-form matte on a small grid, solved only for the pixels a trimap leaves
/// unknown. The matting Laplacian over 3 × 3 windows is assembled for those pixels alone (a 5 × 5 stencil each, the
/// known pixels moved to the right-hand side as boundary values) and the system is solved by Jacobi-preconditioned
/// conjugate gradients, starting from the model's mask.
struct ClosedFormMatte {
    /// Regularisation of each window's colour covariance (colours in 0…1).
    var epsilon: Double = 1e-6
    /// Pull of each unknown pixel towards its starting value: keeps the system well posed where an unknown region
    /// touches no known pixel, and is too weak to matter elsewhere.
    var anchor: Double = 1e-5
    /// Conjugate-gradient iterations at most.
    var iterations: Int = 150
    /// The solve stops once the residual's norm falls below this share of the first one.
    var tolerance: Double = 1e-6

    /// The grid the matte is solved on: three colour planes (0…1) one after another, `width × height` each.
    let colours: [Float]
    let width: Int
    let height: Int

    /// The matte on the grid: `known` everywhere `unknown` is false, the solved value (clamped to 0…1) where it is
    /// true, starting from `start` there.
    func solve(known: [Float], start: [Float], unknown: [Bool]) -> [Float] {
        let size = width * height
        var slot = [Int32](repeating: -1, count: size)
        var cells: [Int] = []
        for index in 0..<size where unknown[index] {
            slot[index] = Int32(cells.count)
            cells.append(index)
        }
        guard !cells.isEmpty else { return known }
        let system = assemble(cells: cells, slot: slot, known: known, start: start)
        let solution = conjugateGradients(system, cells: cells, start: cells.map { Double(start[$0]) })
        var matte = known
        for (index, cell) in cells.enumerated() {
            matte[cell] = Float(min(max(solution[index], 0), 1))
        }
        return matte
    }

    /// The unknown pixels' equations: for each, 25 coefficients over its 5 × 5 neighbourhood (the diagonal at 12),
    /// zero at every neighbour that is not unknown too, and the right-hand side (the known neighbours' share and the
    /// anchor).
    private struct System {
        var coefficients: [Double]
        var rightHandSide: [Double]

        /// The diagonal coefficient of unknown pixel `row`.
        func diagonal(_ row: Int) -> Double { coefficients[row * 25 + 12] }
    }

    private func assemble(cells: [Int], slot: [Int32], known: [Float], start: [Float]) -> System {
        let windows = windowStatistics(around: cells)
        let count = cells.count
        var system = System(
            coefficients: [Double](repeating: 0, count: count * 25), rightHandSide: [Double](repeating: 0, count: count))
        let (width, height, size, anchor) = (width, height, width * height, anchor)
        colours.withUnsafeBufferPointer { colours in
            system.coefficients.withUnsafeMutableBufferPointer { coefficients in
                system.rightHandSide.withUnsafeMutableBufferPointer { rightHandSide in
                    nonisolated(unsafe) let (coefficients, rightHandSide) = (coefficients, rightHandSide)
                    func colour(_ index: Int) -> SIMD3<Double> {
                        SIMD3(Double(colours[index]), Double(colours[size + index]), Double(colours[2 * size + index]))
                    }
                    concurrentRows(count) { row in
                        let cell = cells[row]
                        let (x, y) = (cell % width, cell / width)
                        let stencil = coefficients.baseAddress! + row * 25
                        for centreY in (y - 1)...(y + 1) where centreY >= 1 && centreY < height - 1 {
                            for centreX in (x - 1)...(x + 1) where centreX >= 1 && centreX < width - 1 {
                                let window = windows.statistics(at: centreY * width + centreX)
                                let weighted = window.inverse * (colour(cell) - window.mean)
                                for neighbourY in (centreY - 1)...(centreY + 1) {
                                    for neighbourX in (centreX - 1)...(centreX + 1) {
                                        let affinity = (1 + (weighted * (colour(neighbourY * width + neighbourX) - window.mean)).sum()) / 9
                                        let position = (neighbourY - y + 2) * 5 + neighbourX - x + 2
                                        stencil[position] += (neighbourX == x && neighbourY == y ? 1 : 0) - affinity
                                    }
                                }
                            }
                        }
                        var boundary = anchor * Double(start[cell])
                        for position in 0..<25 where stencil[position] != 0 {
                            let neighbour = cell + (position / 5 - 2) * width + position % 5 - 2
                            if slot[neighbour] < 0 {
                                boundary -= stencil[position] * Double(known[neighbour])
                                stencil[position] = 0
                            }
                        }
                        stencil[12] += anchor
                        rightHandSide[row] = boundary
                    }
                }
            }
        }
        return system
    }

    /// Each 3 × 3 window's colour mean and the inverse of its regularised covariance, for every window that holds an
    /// unknown pixel and lies inside the grid.
    private struct WindowStatistics {
        let slot: [Int32]
        let means: [SIMD3<Double>]
        let inverses: [Matrix3]

        func statistics(at centre: Int) -> (mean: SIMD3<Double>, inverse: Matrix3) {
            let index = Int(slot[centre])
            return (means[index], inverses[index])
        }
    }

    private func windowStatistics(around cells: [Int]) -> WindowStatistics {
        let (width, height, size) = (width, height, width * height)
        var slot = [Int32](repeating: -1, count: size)
        var centres: [Int] = []
        for cell in cells {
            let (x, y) = (cell % width, cell / width)
            for centreY in (y - 1)...(y + 1) where centreY >= 1 && centreY < height - 1 {
                for centreX in (x - 1)...(x + 1) where centreX >= 1 && centreX < width - 1 {
                    let centre = centreY * width + centreX
                    if slot[centre] < 0 {
                        slot[centre] = Int32(centres.count)
                        centres.append(centre)
                    }
                }
            }
        }
        var means = [SIMD3<Double>](repeating: .zero, count: centres.count)
        var inverses = [Matrix3](repeating: Matrix3(), count: centres.count)
        let regularisation = epsilon / 9
        colours.withUnsafeBufferPointer { colours in
            means.withUnsafeMutableBufferPointer { means in
                inverses.withUnsafeMutableBufferPointer { inverses in
                    nonisolated(unsafe) let (means, inverses) = (means, inverses)
                    concurrentRows(centres.count) { index in
                        var sum = SIMD3<Double>.zero
                        var products = Matrix3()
                        for dy in -1...1 {
                            for dx in -1...1 {
                                let pixel = centres[index] + dy * width + dx
                                let value = SIMD3(
                                    Double(colours[pixel]), Double(colours[size + pixel]), Double(colours[2 * size + pixel]))
                                sum += value
                                products.addOuterProduct(value)
                            }
                        }
                        let mean = sum / 9
                        means[index] = mean
                        inverses[index] = products.covariance(mean: mean, count: 9, regularisation: regularisation).inverse
                    }
                }
            }
        }
        return WindowStatistics(slot: slot, means: means, inverses: inverses)
    }

    private func conjugateGradients(_ system: System, cells: [Int], start: [Double]) -> [Double] {
        let count = start.count
        var matrix = StencilMatrix(stencils: system.coefficients, cells: cells, width: width, height: height)
        let inverseDiagonal = (0..<count).map { 1 / system.diagonal($0) }
        var solution = start
        var residual = system.rightHandSide
        var product = [Double](repeating: 0, count: count)
        matrix.multiply(solution, into: &product)
        for index in 0..<count { residual[index] -= product[index] }
        var preconditioned = (0..<count).map { residual[$0] * inverseDiagonal[$0] }
        var direction = preconditioned
        var alignment = Self.dot(residual, preconditioned)
        let goal = tolerance * Self.dot(residual, residual).squareRoot()
        for _ in 0..<iterations {
            matrix.multiply(direction, into: &product)
            let curvature = Self.dot(direction, product)
            guard curvature > 0 else { break }
            let step = alignment / curvature
            for index in 0..<count {
                solution[index] += step * direction[index]
                residual[index] -= step * product[index]
            }
            if Self.dot(residual, residual).squareRoot() <= goal { break }
            for index in 0..<count { preconditioned[index] = residual[index] * inverseDiagonal[index] }
            let next = Self.dot(residual, preconditioned)
            let blend = next / alignment
            alignment = next
            for index in 0..<count { direction[index] = preconditioned[index] + blend * direction[index] }
        }
        return solution
    }

    /// `Σ one[i] · other[i]` over four running sums (every fourth term each, the rest in the first), added
    /// pairwise at the end: the four chains of additions run side by side instead of one after another.
    private static func dot(_ one: [Double], _ other: [Double]) -> Double {
        one.withUnsafeBufferPointer { one in
            other.withUnsafeBufferPointer { other in
                var sums = SIMD4<Double>()
                let whole = one.count / 4 * 4
                for index in stride(from: 0, to: whole, by: 4) {
                    let first = SIMD4<Double>(one[index], one[index + 1], one[index + 2], one[index + 3])
                    let second = SIMD4<Double>(other[index], other[index + 1], other[index + 2], other[index + 3])
                    sums += first * second
                }
                for index in whole..<one.count { sums[0] += one[index] * other[index] }
                return (sums[0] + sums[1]) + (sums[2] + sums[3])
            }
        }
    }
}

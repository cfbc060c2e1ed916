import CCompose

/// The sparse square matrix of ``ClosedFormMatte``'s solve: row `r` is a 5 × 5 stencil around the unknown grid pixel
/// `cells[r]`, over the unknown pixels among its neighbours. The product lays the vector out on the grid, framed by
/// two pixels of zeros and zero at every known pixel, so that each stencil row reads five neighbouring values in
/// memory, and sums each stencil in C (`bp_stencil_product`) four places at a time.
struct StencilMatrix {
    /// Matrices with fewer rows than this multiply on the calling thread: refinement usually runs beside the outline
    /// step on the other core, and below this size splitting the product gained nothing.
    static let serialBelow = 32_768

    /// Each row's 25 coefficients.
    private let coefficients: [Double]
    /// Each row's pixel on the framed grid.
    private let centres: [Int32]
    /// Values a row of the framed grid.
    private let stride: Int
    /// The vector of the last product on the framed grid; zero wherever no row's pixel lies.
    private var grid: [Double]

    /// The matrix whose row `r` holds `stencils[r * 25 + k]` for each place `k` of the 5 × 5 stencil around grid pixel
    /// `cells[r]` (row after row), at the column of the row whose pixel lies there. `stencils` must be zero wherever
    /// no row's pixel lies: at known pixels and outside the `width × height` grid.
    init(stencils: [Double], cells: [Int], width: Int, height: Int) {
        precondition(stencils.count == cells.count * 25)
        coefficients = stencils
        stride = width + 4
        centres = cells.map { Int32(($0 / width + 2) * (width + 4) + $0 % width + 2) }
        grid = [Double](repeating: 0, count: (width + 4) * (height + 4))
    }

    /// `product = matrix · vector`, spread over the cores once the matrix has enough rows to pay for it.
    mutating func multiply(_ vector: [Double], into product: inout [Double]) {
        let (rows, stride) = (centres.count, Int32(stride))
        grid.withUnsafeMutableBufferPointer { grid in
            centres.withUnsafeBufferPointer { centres in
                for row in 0..<rows { grid[Int(centres[row])] = vector[row] }
                coefficients.withUnsafeBufferPointer { coefficients in
                    product.withUnsafeMutableBufferPointer { product in
                        let (grid, centres, coefficients, product) =
                            (grid.baseAddress!, centres.baseAddress!, coefficients.baseAddress!, product.baseAddress!)
                        nonisolated(unsafe) let output = product
                        concurrentBands(rows, serialBelow: Self.serialBelow) { band in
                            bp_stencil_product(
                                coefficients, centres, Int32(band.lowerBound), Int32(band.upperBound), grid, stride,
                                output)
                        }
                    }
                }
            }
        }
    }
}

import Testing

@testable import ImagePipeline

/// The matrix of the matte's solve: each row's product is its 5 × 5 stencil over the unknown pixels around it, the
/// stencil zero at known neighbours and outside the grid as the solve assembles it, summed in the documented order
/// (four places of each stencil row lane by lane, the fifth apart), on one core and spread over the cores alike.
@Suite("Stencil matrix")
struct StencilMatrixTests {
    /// A `width × height` grid whose unknown pixels are scattered the same way on every run (the grid's border
    /// among them), with a stencil of values for each, zero where the neighbour is not unknown, and the column of
    /// every unknown neighbour.
    static func system(width: Int, height: Int, unknownPercent: Int)
        -> (cells: [Int], stencils: [Double], columns: [Int32])
    {
        let unknown = (0..<(width * height)).map { abs(fixedScatter($0, unknownPercent)) % 100 < unknownPercent }
        let cells = unknown.indices.filter { unknown[$0] }
        var slot = [Int32](repeating: -1, count: width * height)
        for (row, cell) in cells.enumerated() { slot[cell] = Int32(row) }
        var stencils: [Double] = []
        var columns: [Int32] = []
        for cell in cells {
            let (x, y) = (cell % width, cell / width)
            for place in 0..<25 {
                let (neighbourX, neighbourY) = (x + place % 5 - 2, y + place / 5 - 2)
                let inside = neighbourX >= 0 && neighbourX < width && neighbourY >= 0 && neighbourY < height
                let column = inside ? slot[neighbourY * width + neighbourX] : -1
                stencils.append(column >= 0 ? Double(fixedScatter(cell, place) % 1000) / 97 - 5 : 0)
                columns.append(column)
            }
        }
        return (cells, stencils, columns)
    }

    /// The product in the documented order, place by place.
    static func reference(_ stencils: [Double], _ columns: [Int32], times vector: [Double]) -> [Double] {
        (0..<(stencils.count / 25)).map { row in
            var lanes = [Double](repeating: 0, count: 4)
            var fifth = 0.0
            for line in 0..<5 {
                for lane in 0...4 {
                    let place = row * 25 + line * 5 + lane
                    let term = columns[place] >= 0 ? stencils[place] * vector[Int(columns[place])] : 0
                    if lane < 4 { lanes[lane] += term } else { fifth += term }
                }
            }
            return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + fifth
        }
    }

    @Test(
        "the product is the stencils' over the unknown neighbours, bit for bit, on one core and over the cores",
        arguments: [(7, 5, 60), (40, 30, 25), (40, 30, 100), (200, 190, 100)])
    func productOverUnknownNeighbours(width: Int, height: Int, unknownPercent: Int) {
        let (cells, stencils, columns) = Self.system(width: width, height: height, unknownPercent: unknownPercent)
        var matrix = StencilMatrix(stencils: stencils, cells: cells, width: width, height: height)
        let vector = (0..<cells.count).map { Double(($0 * 37) % 101) / 13 - 3 }
        var product = [Double](repeating: .nan, count: cells.count)
        matrix.multiply(vector, into: &product)
        let expected = Self.reference(stencils, columns, times: vector)
        #expect(product.map(\.bitPattern) == expected.map(\.bitPattern))
        if width == 200 { #expect(cells.count >= StencilMatrix.serialBelow) }
    }

    @Test("a second product with another vector forgets the first one's values")
    func secondProduct() {
        let (cells, stencils, columns) = Self.system(width: 30, height: 20, unknownPercent: 40)
        var matrix = StencilMatrix(stencils: stencils, cells: cells, width: 30, height: 20)
        var product = [Double](repeating: 0, count: cells.count)
        matrix.multiply((0..<cells.count).map { Double($0) }, into: &product)
        let vector = (0..<cells.count).map { Double($0 % 7) - 3 }
        matrix.multiply(vector, into: &product)
        #expect(product.map(\.bitPattern) == Self.reference(stencils, columns, times: vector).map(\.bitPattern))
    }
}

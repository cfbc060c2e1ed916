import Testing

@testable import ImagePipeline

/// The compressed-row matrix of the matte's solve: its product is the fixed-width stencil's product, term for term
/// and in the same order, so the solve gives the same matte to the last bit; places without a column are left out.
@Suite("Compressed rows")
struct CompressedRowsTests {
    /// A fixed-width stencil over `rows` rows, the same on every run: some places without a column, some rows
    /// without any, columns anywhere in the matrix.
    static func stencil(rows: Int, width: Int) -> (values: [Double], columns: [Int32]) {
        var values: [Double] = []
        var columns: [Int32] = []
        for row in 0..<rows {
            for place in 0..<width {
                let hash = fixedScatter(row, place)
                let kept = row % 7 != 3 && UInt(bitPattern: hash) % 3 != 0
                values.append(Double(hash % 1000) / 97 - 5)
                columns.append(kept ? Int32(UInt(bitPattern: hash >> 5) % UInt(rows)) : -1)
            }
        }
        return (values, columns)
    }

    /// The product the plain way: every place of each row's stencil, skipping those without a column.
    static func reference(_ values: [Double], _ columns: [Int32], width: Int, times vector: [Double]) -> [Double] {
        (0..<(values.count / width)).map { row in
            var total = 0.0
            for place in (row * width)..<((row + 1) * width) where columns[place] >= 0 {
                total += values[place] * vector[Int(columns[place])]
            }
            return total
        }
    }

    @Test(
        "the product equals the stencil's, bit for bit, on one core and spread over the cores",
        arguments: [1, 9, CompressedRows.serialBelow + 7])
    func productMatchesTheStencil(rows: Int) {
        let (values, columns) = Self.stencil(rows: rows, width: 25)
        let matrix = CompressedRows(stencils: values, columns: columns, width: 25)
        let vector = (0..<rows).map { Double(($0 * 37) % 101) / 13 - 3 }
        var product = [Double](repeating: .nan, count: rows)
        matrix.multiply(vector, into: &product)
        let expected = Self.reference(values, columns, width: 25, times: vector)
        #expect(product.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test("only places with a column are kept, in stencil order, and a row without any gives 0")
    func keepsOnlyPlacesWithAColumn() {
        let matrix = CompressedRows(
            stencils: [1, 2, 3, 4, 5, 6, 7, 8, 9], columns: [2, -1, 0, -1, -1, -1, 1, -1, 1], width: 3)
        #expect(matrix.values == [1, 3, 7, 9])
        #expect(matrix.columns == [2, 0, 1, 1])
        #expect(matrix.rowStarts == [0, 2, 2, 4])
        var product = [Double](repeating: .nan, count: 3)
        matrix.multiply([10, 100, 1000], into: &product)
        let expected: [Double] = [1030, 0, 1600]
        #expect(product == expected)
    }
}

/// A sparse square matrix in compressed-row form, for the conjugate-gradient solve of ``ClosedFormMatte``: each row
/// keeps only its coefficients that have a column, in the order of the fixed-width stencil it was built from, so a
/// product sums each row's terms in the same order as the stencil would, without testing every place of it.
struct CompressedRows {
    /// Matrices with fewer rows than this multiply on the calling thread: at the sizes refinement meets, splitting
    /// the product gained nothing, and refinement usually runs beside the outline step on the other core.
    static let serialBelow = 32_768

    /// The kept coefficients, row after row.
    let values: [Double]
    /// The column of each kept coefficient.
    let columns: [Int32]
    /// Where each row's coefficients start in `values`, and, last, their total count.
    let rowStarts: [Int]

    /// The matrix whose row `r` holds `stencils[r * width + k]` at column `stencilColumns[r * width + k]` for each
    /// place `k` of the stencil whose column is not negative; a negative column marks a place without a coefficient.
    init(stencils: [Double], columns stencilColumns: [Int32], width: Int) {
        var values: [Double] = []
        var columns: [Int32] = []
        values.reserveCapacity(stencils.count)
        columns.reserveCapacity(stencils.count)
        var rowStarts = [0]
        rowStarts.reserveCapacity(stencils.count / width + 1)
        for row in 0..<(stencils.count / width) {
            for place in (row * width)..<((row + 1) * width) where stencilColumns[place] >= 0 {
                values.append(stencils[place])
                columns.append(stencilColumns[place])
            }
            rowStarts.append(values.count)
        }
        self.values = values
        self.columns = columns
        self.rowStarts = rowStarts
    }

    /// `product = matrix · vector`, spread over the cores once the matrix has enough rows to pay for it.
    func multiply(_ vector: [Double], into product: inout [Double]) {
        values.withUnsafeBufferPointer { values in
            columns.withUnsafeBufferPointer { columns in
                rowStarts.withUnsafeBufferPointer { rowStarts in
                    vector.withUnsafeBufferPointer { vector in
                        product.withUnsafeMutableBufferPointer { product in
                            nonisolated(unsafe) let product = product
                            concurrentBands(rowStarts.count - 1, serialBelow: Self.serialBelow) { rows in
                                for row in rows {
                                    var total = 0.0
                                    for entry in rowStarts[row]..<rowStarts[row + 1] {
                                        total += values[entry] * vector[Int(columns[entry])]
                                    }
                                    product[row] = total
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Bilinear sampling of a reduced grid at every full-resolution pixel: for each full-resolution row the two grid
/// rows around it and the weight of the lower one, for each column the two grid columns and the weight of the
/// right one. Held in memory that stays put for the object's life, so row loops (in Swift or C) read it directly.
final class GridSampling {
    let rowTop: UnsafeMutablePointer<Int32>
    let rowBottom: UnsafeMutablePointer<Int32>
    let rowFraction: UnsafeMutablePointer<Float>
    let columnLeft: UnsafeMutablePointer<Int32>
    let columnRight: UnsafeMutablePointer<Int32>
    let columnWeight: UnsafeMutablePointer<Float>

    /// The lookups for `grid`.
    init(_ grid: WorkingResolution) {
        rowTop = .allocate(capacity: grid.fullHeight)
        rowBottom = .allocate(capacity: grid.fullHeight)
        rowFraction = .allocate(capacity: grid.fullHeight)
        for y in 0..<grid.fullHeight {
            let blend = grid.rowBlend(y)
            rowTop[y] = Int32(blend.top)
            rowBottom[y] = Int32(blend.bottom)
            rowFraction[y] = blend.fraction
        }
        columnLeft = .allocate(capacity: grid.fullWidth)
        columnRight = .allocate(capacity: grid.fullWidth)
        columnWeight = .allocate(capacity: grid.fullWidth)
        for x in 0..<grid.fullWidth {
            let blend = grid.columnBlend(x)
            columnLeft[x] = Int32(blend.left)
            columnRight[x] = Int32(blend.right)
            columnWeight[x] = blend.weight
        }
    }

    deinit {
        for pointer in [rowTop, rowBottom, columnLeft, columnRight] { pointer.deallocate() }
        rowFraction.deallocate()
        columnWeight.deallocate()
    }
}

/// The value at a rank of a collection's sorted order without sorting it all: the book-outline step's checks take
/// medians and percentiles of colour samples for every cell along the mask's edge, where sorting each channel was
/// most of their time.
enum OrderStatistic {
    /// The value `values.sorted()[rank]` — `rank` places from the smallest — found by Hoare's selection with the
    /// value at `rank` as the pivot (N. Wirth's form), which reorders `values`. After a few more halving rounds than
    /// a fair split needs, the range left is sorted instead, so that no order of the values costs more than a sort.
    static func value(at rank: Int, of values: inout [Float]) -> Float {
        precondition(values.indices.contains(rank), "rank \(rank) outside 0..<\(values.count)")
        return values.withUnsafeMutableBufferPointer { values in
            var (low, high) = (0, values.count - 1)
            var roundsLeft = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
            while low < high {
                guard roundsLeft > 0 else {
                    values[low...high].sort()
                    break
                }
                roundsLeft -= 1
                let pivot = values[rank]
                var (up, down) = (low, high)
                repeat {
                    while values[up] < pivot { up += 1 }
                    while pivot < values[down] { down -= 1 }
                    if up <= down {
                        values.swapAt(up, down)
                        up += 1
                        down -= 1
                    }
                } while up <= down
                if down < rank { low = up }
                if rank < up { high = down }
            }
            return values[rank]
        }
    }
}

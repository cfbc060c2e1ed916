/// Which points along a line, one pixel apart, lie on a strong edge across it: a running count, so that the
/// support of any stretch of the line is two look-ups.
struct LineProfile {
    let line: HoughLine
    private let offset: Int
    private let hits: [Int]

    /// The profile of `line` in `edges`, a point counting as on the edge when the gradient across the line
    /// within two pixels of it exceeds `strong`.
    init(_ line: HoughLine, edges: EdgeMap, strong: Float) {
        self.line = line
        let reach = Int((Double(edges.width * edges.width + edges.height * edges.height)).squareRoot().rounded(.up)) + 1
        offset = reach
        let (foot, direction, normal) = (line.foot, line.direction, line.normal)
        var running = [Int](repeating: 0, count: 2 * reach + 2)
        for step in -reach...reach {
            let point = foot + direction * Double(step)
            var onEdge = false
            for across in -2...2 where !onEdge {
                onEdge = edges.across(point + normal * Double(across), normal: normal) > strong
            }
            running[step + reach + 1] = running[step + reach] + (onEdge ? 1 : 0)
        }
        hits = running
    }

    /// The share of points between `start` and `end` (both on the line), their outer twentieths left out, that
    /// lie on a strong edge.
    func support(from start: SIMD2<Double>, to end: SIMD2<Double>) -> Double {
        let first = ((start - line.foot) * line.direction).sum()
        let last = ((end - line.foot) * line.direction).sum()
        let (low, high) = (min(first, last), max(first, last))
        let margin = (high - low) * 0.05
        let from = max(0, min(hits.count - 1, Int((low + margin).rounded()) + offset))
        let to = max(0, min(hits.count - 1, Int((high - margin).rounded()) + offset + 1))
        guard to > from else { return 0 }
        return Double(hits[to] - hits[from]) / Double(to - from)
    }
}

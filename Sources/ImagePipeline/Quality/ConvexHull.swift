/// Convex hull geometry for the book-shape score.
enum ConvexHull {
    /// The convex hull of `points`, counter-clockwise, by Andrew's monotone chain.
    static func of(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
        let sorted = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard sorted.count > 2 else { return sorted }
        var lower: [SIMD2<Double>] = []
        for point in sorted {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], point) <= 0 { lower.removeLast() }
            lower.append(point)
        }
        var upper: [SIMD2<Double>] = []
        for point in sorted.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], point) <= 0 { upper.removeLast() }
            upper.append(point)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The quadrilateral of largest area whose corners are vertices of the convex polygon `hull`.
    static func largestInscribedQuadrilateral(_ hull: [SIMD2<Double>]) -> [SIMD2<Double>] {
        let count = hull.count
        guard count > 4 else { return hull }
        var best: (area: Double, corners: [SIMD2<Double>]) = (0, Array(hull.prefix(4)))
        for first in 0..<(count - 2) {
            for third in (first + 2)..<count {
                guard third - first < count - 1 else { continue }
                var leftBest = (area: -1.0, index: first + 1)
                for index in (first + 1)..<third {
                    let area = abs(cross(hull[first], hull[index], hull[third]))
                    if area > leftBest.area { leftBest = (area, index) }
                }
                var rightBest = (area: -1.0, index: (third + 1) % count)
                var index = (third + 1) % count
                while index != first {
                    let area = abs(cross(hull[third], hull[index], hull[first]))
                    if area > rightBest.area { rightBest = (area, index) }
                    index = (index + 1) % count
                }
                let total = leftBest.area + rightBest.area
                if total > best.area {
                    best = (total, [hull[first], hull[leftBest.index], hull[third], hull[rightBest.index]])
                }
            }
        }
        return best.corners
    }

    /// Whether `point` lies inside the counter-clockwise convex polygon `polygon`.
    static func contains(_ polygon: [SIMD2<Double>], _ point: SIMD2<Double>) -> Bool {
        for index in polygon.indices {
            let next = polygon[(index + 1) % polygon.count]
            if cross(polygon[index], next, point) < 0 { return false }
        }
        return true
    }

    private static func cross(_ origin: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        (a.x - origin.x) * (b.y - origin.y) - (a.y - origin.y) * (b.x - origin.x)
    }
}

/// Four corners in order around their centre: a book, a cover or a spine as a photo shows it, often in
/// perspective.
public struct Quadrilateral: Sendable, Equatable {
    /// The corners, clockwise on screen (y grows downwards) from the one nearest the top-left.
    public let corners: [SIMD2<Double>]

    /// The quadrilateral of these four points, ordered around their centre.
    public init(_ points: [SIMD2<Double>]) {
        let centre = points.reduce(SIMD2<Double>.zero, +) / Double(points.count)
        let around = points.sorted {
            atan2Approximation($0 - centre) < atan2Approximation($1 - centre)
        }
        let first = around.indices.min { Self.lengthSquared(around[$0]) < Self.lengthSquared(around[$1]) } ?? 0
        corners = Array(around[first...] + around[..<first])
    }

    /// Whether every turn goes the same way.
    var isConvex: Bool {
        var sign = 0.0
        for index in 0..<4 {
            let turn = Self.cross(corners[index], corners[(index + 1) % 4], corners[(index + 2) % 4])
            guard turn != 0 else { return false }
            if sign == 0 { sign = turn } else if (sign > 0) != (turn > 0) { return false }
        }
        return true
    }

    /// The enclosed area.
    public var area: Double {
        var twice = 0.0
        for index in 0..<4 {
            let (a, b) = (corners[index], corners[(index + 1) % 4])
            twice += a.x * b.y - b.x * a.y
        }
        return abs(twice) / 2
    }

    /// The distance from `point` to the nearest side, positive inside and negative outside (a convex shape).
    public func signedDistance(_ point: SIMD2<Double>) -> Double {
        var nearest = Double.infinity
        for index in 0..<4 {
            let (a, b) = (corners[index], corners[(index + 1) % 4])
            let direction = b - a
            let length = (direction.x * direction.x + direction.y * direction.y).squareRoot()
            guard length > 0 else { continue }
            nearest = min(nearest, Self.cross(a, b, point) / length)
        }
        return nearest
    }

    /// The same shape with every coordinate multiplied by `factor`.
    func scaled(by factor: SIMD2<Double>) -> Quadrilateral {
        Quadrilateral(corners.map { $0 * factor })
    }

    /// The four sides as pairs of corners.
    var sides: [(SIMD2<Double>, SIMD2<Double>)] {
        (0..<4).map { (corners[$0], corners[($0 + 1) % 4]) }
    }

    private static func cross(_ origin: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        (a.x - origin.x) * (b.y - origin.y) - (a.y - origin.y) * (b.x - origin.x)
    }

    private static func lengthSquared(_ point: SIMD2<Double>) -> Double { point.x * point.x + point.y * point.y }
}

/// A monotonic stand-in for atan2 (the pseudo-angle in 0..<4), enough to sort points around a centre.
private func atan2Approximation(_ vector: SIMD2<Double>) -> Double {
    let sum = abs(vector.x) + abs(vector.y)
    guard sum > 0 else { return 0 }
    let ratio = vector.x / sum
    return vector.y >= 0 ? 1 - ratio : 3 + ratio
}

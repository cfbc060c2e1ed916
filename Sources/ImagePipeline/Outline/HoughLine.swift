import Foundation

/// A straight line `x·cos θ + y·sin θ = ρ` found in an edge map, with the edge strength that voted for it.
struct HoughLine: Equatable {
    /// The normal's angle in 0..<π.
    let theta: Double
    /// The signed distance from the origin.
    let rho: Double
    /// The sum of the votes.
    let votes: Float
    /// The line's unit normal, (cos θ, sin θ), worked out once: the quadrilateral search asks for it, for the
    /// direction and for crossings, thousands of times a photo.
    let normal: SIMD2<Double>

    /// The line at angle `theta` and distance `rho` with `votes`.
    init(theta: Double, rho: Double, votes: Float) {
        self.theta = theta
        self.rho = rho
        self.votes = votes
        normal = SIMD2(cos(theta), sin(theta))
    }

    /// The strongest `count` lines of `edges`: pixels stronger than `threshold` vote, weighted by their strength,
    /// for the lines their gradient is nearly normal to; each line found suppresses its neighbours (±4°, ±8 px).
    static func strongest(in edges: EdgeMap, threshold: Float, count: Int) -> [HoughLine] {
        let angles = 180
        let diagonal = Int((Double(edges.width * edges.width + edges.height * edges.height)).squareRoot().rounded(.up))
        let span = 2 * diagonal + 1
        let cosines = (0..<angles).map { Float(cos(Double($0) * .pi / Double(angles))) }
        let sines = (0..<angles).map { Float(sin(Double($0) * .pi / Double(angles))) }
        let window = 27
        var accumulator = [Float](repeating: 0, count: angles * span)
        accumulator.withUnsafeMutableBufferPointer { votes in
            cosines.withUnsafeBufferPointer { cosines in
                sines.withUnsafeBufferPointer { sines in
                    edges.gx.withUnsafeBufferPointer { gxs in
                        edges.gy.withUnsafeBufferPointer { gys in
                            edges.magnitude.withUnsafeBufferPointer { strengths in
                                for y in 0..<edges.height {
                                    for x in 0..<edges.width {
                                        let index = y * edges.width + x
                                        let strength = strengths[index]
                                        guard strength > threshold, strength > 0 else { continue }
                                        let gx = gxs[index] / strength
                                        let gy = gys[index] / strength
                                        // Only lines within acos(0.9) ≈ 25.8° of the gradient's direction can pass.
                                        let facing = Int((Double(atan2(gy, gx)) * Double(angles) / .pi).rounded())
                                        // The window's angles in order, as one or two runs without a wrap inside.
                                        var start = ((facing - window) % angles + angles) % angles
                                        var remaining = 2 * window + 1
                                        while remaining > 0 {
                                            let run = min(remaining, angles - start)
                                            for angle in start..<(start + run) {
                                                let alignment = abs(gx * cosines[angle] + gy * sines[angle])
                                                guard alignment > 0.9 else { continue }
                                                let position = Float(x) * cosines[angle] + Float(y) * sines[angle]
                                                let rho = nearestInteger(position)
                                                votes[angle * span + rho + diagonal] += strength * alignment
                                            }
                                            remaining -= run
                                            start = 0
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // The first greatest cell of each angle's row: the first greatest of the whole accumulator is the first
        // greatest of these, and suppressing a line changes only the rows it touches.
        func rowMaximum(_ row: Int) -> Int {
            var best = row * span
            for index in (row * span)..<((row + 1) * span) where accumulator[index] > accumulator[best] { best = index }
            return best
        }
        var rowMaxima = (0..<angles).map(rowMaximum)
        var lines: [HoughLine] = []
        for _ in 0..<count {
            var best = rowMaxima[0]
            for candidate in rowMaxima where accumulator[candidate] > accumulator[best] { best = candidate }
            guard accumulator[best] > 0 else { break }
            let angle = best / span
            let rho = best % span
            lines.append(HoughLine(
                theta: Double(angle) * .pi / Double(angles), rho: Double(rho - diagonal), votes: accumulator[best]))
            for offset in -4...4 {
                let wrapped = angle + offset
                let row = (wrapped + angles) % angles
                let centre = (0..<angles).contains(wrapped) ? rho : span - 1 - rho
                for column in max(0, centre - 8)...min(span - 1, centre + 8) { accumulator[row * span + column] = 0 }
                rowMaxima[row] = rowMaximum(row)
            }
        }
        return lines
    }

    /// `Int(value.rounded())` — the nearest integer, halves away from zero — without the C library's `roundf`,
    /// which `rounded()` calls on x86-64's baseline: the part the truncation cut off is exact, and is compared with
    /// a half.
    @inline(__always)
    private static func nearestInteger(_ value: Float) -> Int {
        let truncated = Int(value)
        let cutOff = value - Float(truncated)
        return truncated + (cutOff >= 0.5 ? 1 : 0) - (cutOff <= -0.5 ? 1 : 0)
    }

    /// The line's unit direction.
    var direction: SIMD2<Double> { SIMD2(-normal.y, normal.x) }

    /// The point of the line nearest the origin, from which positions along it are measured.
    var foot: SIMD2<Double> { normal * rho }

    /// The smallest angle between the two lines' directions, in radians.
    func angle(to other: HoughLine) -> Double {
        let difference = abs(theta - other.theta).truncatingRemainder(dividingBy: .pi)
        return min(difference, .pi - difference)
    }

    /// Where the two lines cross; nil when they are parallel.
    func intersection(with other: HoughLine) -> SIMD2<Double>? {
        let (a, b, c, d) = (normal.x, normal.y, other.normal.x, other.normal.y)
        let determinant = a * d - b * c
        guard abs(determinant) > 1e-6 else { return nil }
        return SIMD2((rho * d - b * other.rho) / determinant, (a * other.rho - rho * c) / determinant)
    }
}

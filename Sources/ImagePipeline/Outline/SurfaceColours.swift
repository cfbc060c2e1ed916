/// The colour measures of the two whole-photo checks that read a surface beside the mask's edge
/// (``FullFrameCheck``, ``PrintedPageCheck``): where the band beside the edge lies, what counts as the surface's
/// colour, per-channel percentiles and differences, and the surface followed outwards from the subject.
enum SurfaceColours {
    /// The band along the mask's edge, by distance from the nearest pixel across it: more than 2 px, at most 6.
    static func inBand(distance: Float) -> Bool { distance > 2 && distance <= 6 }
    /// Band pixels this close to the photo's border (grid pixels) are left out.
    static let borderMargin = 4
    /// Largest channel difference from the surface's median colour of a pixel in that surface.
    static let sameSurface: Float = 40 / 255
    /// Largest channel difference from the surface's colour of a pixel the surface is followed through.
    static let followedColour: Float = 60 / 255
    /// Largest edge strength the surface is followed across.
    static let followedGradient: Float = 0.3

    /// The subject together with the surface of colour `surface` around it, followed outwards from it without
    /// crossing an edge (gradient under ``followedGradient``, colour within ``followedColour`` of `surface`).
    static func followSurface(_ surface: SIMD3<Float>, from subject: [Bool], in copy: OutlineWorkingCopy) -> [Bool] {
        let edges = copy.edges
        return GridFlood.follow(
            from: subject, width: copy.grid.width, height: copy.grid.height,
            through: { index in
                edges.magnitude[index] < followedGradient
                    && largestDifference(copy.colour(at: index), surface) < followedColour
            })
    }

    /// The per-channel values of `colours` at each of `fractions` of their sorted order (0.5: the median, the upper
    /// one of an even count), each found by selection (``OrderStatistic``).
    static func percentiles(_ fractions: [Double], of colours: [SIMD3<Float>]) -> [SIMD3<Float>] {
        let ranks = fractions.map { min(colours.count - 1, Int(Double(colours.count) * $0)) }
        var x = colours.map(\.x)
        var y = colours.map(\.y)
        var z = colours.map(\.z)
        return ranks.map { rank in
            SIMD3(
                OrderStatistic.value(at: rank, of: &x), OrderStatistic.value(at: rank, of: &y),
                OrderStatistic.value(at: rank, of: &z))
        }
    }

    /// The largest difference between two colours in any one channel.
    static func largestDifference(_ one: SIMD3<Float>, _ other: SIMD3<Float>) -> Float {
        max(abs(one.x - other.x), max(abs(one.y - other.y), abs(one.z - other.z)))
    }
}

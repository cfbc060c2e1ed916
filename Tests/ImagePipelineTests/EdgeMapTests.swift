import Testing

@testable import ImagePipeline

/// The edge map's percentiles, which set the Hough transform's voting threshold and the line profiles' strong edges:
/// the values sorting every magnitude would give, found from a histogram and a sort of one bin.
@Suite("Edge map")
struct EdgeMapTests {
    static let fractions = [0, 0.1, 0.5, 0.85, 0.9, 0.999, 1]

    @Test("Percentiles equal the sorted magnitudes' values at their ranks")
    func percentilesAsSorted() {
        let (width, height) = (97, 61)
        for levels in [2, 17, 256] {
            let planes = (0..<(3 * width * height)).map {
                Float(abs(fixedScatter($0, levels)) % levels) / Float(levels)
            }
            let edges = EdgeMap(planes: planes, width: width, height: height)
            let sorted = edges.magnitude.sorted()
            let expected = Self.fractions.map { sorted[min(sorted.count - 1, Int(Double(sorted.count) * $0))] }
            #expect(edges.percentiles(Self.fractions) == expected, "\(levels) levels")
        }
    }

    @Test("A flat picture has no edges: every percentile is 0")
    func flatPicture() {
        let edges = EdgeMap(planes: [Float](repeating: 0.4, count: 3 * 20 * 10), width: 20, height: 10)
        #expect(edges.percentiles(Self.fractions) == Self.fractions.map { _ in 0 })
    }
}

/// How much a mask looks like a book: the intersection over union of the mask and the largest quadrilateral
/// inscribed in its convex hull, on a grid of at most 256 px. A photographed book (a quadrilateral in
/// perspective) scores near 1; a face, a person or scattered blobs score lower.
public enum ShapeScore {
    /// Longest side of the grid the score is computed on.
    static let gridLongSide = 256

    /// The score in 0…1 for the pixels of `mask` at or above `threshold`; 0 when there are none.
    public static func score(_ mask: GrayImage, threshold: UInt8) -> Double {
        let step = max(1, Int((Double(max(mask.width, mask.height)) / Double(gridLongSide)).rounded(.up)))
        let width = mask.width / step
        let height = mask.height / step
        guard width > 2, height > 2 else { return 0 }
        var inside = [Bool](repeating: false, count: width * height)
        var corners: [SIMD2<Double>] = []
        for y in 0..<height {
            var first = -1
            var last = -1
            for x in 0..<width where mask.pixels[(y * step + step / 2) * mask.width + x * step + step / 2] >= threshold {
                inside[y * width + x] = true
                if first < 0 { first = x }
                last = x
            }
            if first >= 0 {
                corners.append(SIMD2(Double(first), Double(y)))
                corners.append(SIMD2(Double(first), Double(y + 1)))
                corners.append(SIMD2(Double(last + 1), Double(y)))
                corners.append(SIMD2(Double(last + 1), Double(y + 1)))
            }
        }
        let hull = ConvexHull.of(corners)
        guard hull.count >= 3 else { return 0 }
        let quadrilateral = ConvexHull.largestInscribedQuadrilateral(hull)
        var intersection = 0
        var union = 0
        for y in 0..<height {
            for x in 0..<width {
                let centre = SIMD2(Double(x) + 0.5, Double(y) + 0.5)
                let inMask = inside[y * width + x]
                let inShape = ConvexHull.contains(quadrilateral, centre)
                if inMask && inShape { intersection += 1 }
                if inMask || inShape { union += 1 }
            }
        }
        return union == 0 ? 0 : Double(intersection) / Double(union)
    }
}

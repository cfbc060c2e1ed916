/// Finds a book's outline in a photo when the model's mask is not book-shaped — a cover's portrait or figure
/// instead of the whole cover: straight edges found by a Hough transform on a reduced copy are paired into
/// quadrilaterals (two nearly parallel sides each way, any perspective) with strong edges all along their four sides.
/// The book is the best one that holds nearly all of the model's subject (the model kept only a picture on the
/// cover). A subject that holds an outline and more — a book with a patch of the background, or several books —
/// is left alone: the two look alike here, and cutting several books down to one harms a mask the model had right.
public struct BookOutlineFinder: Sendable, Equatable {
    /// Masks whose book-shape score reaches this are taken as they are (`not_needed`).
    public var bookShapedScore: Double
    /// Share of the model's subject that must lie inside the outline.
    public var minimumContainment: Double
    /// Share of each side's length that must run along a strong edge.
    public var minimumSideSupport: Double
    /// Share of the four sides' length, together, that must run along a strong edge.
    public var minimumMeanSupport: Double
    /// Tells a book that fills the whole photo, whose outline is the photo's border; checked before any other.
    public var fullFrame: FullFrameCheck
    /// Tells a page or an open book that runs off the photo on three sides, whose outline is the photo's border too;
    /// checked next, before the book-shape score.
    public var runsOffFrame: RunsOffFrameCheck
    /// Tells a picture printed on a page that fills the photo; asked of a mask that is not book-shaped, before the
    /// search for a quadrilateral.
    public var printedPage: PrintedPageCheck

    /// The finder with its tested defaults.
    public init(
        bookShapedScore: Double = 0.9, minimumContainment: Double = 0.9, minimumSideSupport: Double = 0.5,
        minimumMeanSupport: Double = 0.7, fullFrame: FullFrameCheck = FullFrameCheck(),
        runsOffFrame: RunsOffFrameCheck = RunsOffFrameCheck(), printedPage: PrintedPageCheck = PrintedPageCheck()
    ) {
        self.bookShapedScore = bookShapedScore
        self.minimumContainment = minimumContainment
        self.minimumSideSupport = minimumSideSupport
        self.minimumMeanSupport = minimumMeanSupport
        self.fullFrame = fullFrame
        self.runsOffFrame = runsOffFrame
        self.printedPage = printedPage
    }

    /// An outline found, in the photo's pixels, with the evidence for it.
    public struct Outline: Sendable, Equatable {
        /// The book's corners.
        public let quadrilateral: Quadrilateral
        /// The share of each side that runs along a strong edge, in corner order.
        public let sideSupport: [Double]
        /// The share of the model's subject inside the outline.
        public let containment: Double
    }

    static let lineCount = 30
    static let maximumPairAngle = 35.0 * .pi / 180
    static let minimumCrossAngle = 50.0 * .pi / 180

    /// The best outline of the book in `image` consistent with `mask` (the model's, same size), or nil.
    public func find(in image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Outline? {
        find(in: OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold))
    }

    /// The best outline of the book in a photo and mask already reduced to the working grid, or nil.
    func find(in copy: OutlineWorkingCopy) -> Outline? {
        let grid = copy.grid
        guard grid.width >= 16, grid.height >= 16 else { return nil }
        let edges = copy.edges
        var subject: [SIMD2<Double>] = []
        for y in 0..<grid.height {
            for x in 0..<grid.width where copy.subject[y * grid.width + x] {
                subject.append(SIMD2(Double(x) + 0.5, Double(y) + 0.5))
            }
        }
        guard !subject.isEmpty else { return nil }
        let subjectArea = Double(subject.count)
        if subject.count > 3000 {
            let stride = Double(subject.count) / 3000
            subject = (0..<3000).map { subject[Int(Double($0) * stride)] }
        }
        let thresholds = edges.percentiles([0.9, 0.85])
        let profiles = HoughLine.strongest(in: edges, threshold: thresholds[0], count: Self.lineCount)
            .map { LineProfile($0, edges: edges, strong: thresholds[1]) }
        // The angle between every two lines, worked out once: where most lines run alike (stems, stripes), the
        // pairs number in the hundreds and the pairs of pairs in the tens of thousands, each of which asks for one.
        let lineCount = profiles.count
        let angles = profiles.flatMap { one in profiles.map { one.line.angle(to: $0.line) } }
        var pairs: [(Int, Int)] = []
        for first in profiles.indices {
            for second in profiles.indices
            where second > first && angles[first * lineCount + second] < Self.maximumPairAngle {
                pairs.append((first, second))
            }
        }
        let width = Double(grid.width)
        let height = Double(grid.height)
        var best: (score: Double, outline: Outline)?
        for (index, pair) in pairs.enumerated() {
            let one = (profiles[pair.0], profiles[pair.1])
            for otherPair in pairs[(index + 1)...]
            where angles[pair.0 * lineCount + otherPair.0] >= Self.minimumCrossAngle {
                let other = (profiles[otherPair.0], profiles[otherPair.1])
                guard let a = one.0.line.intersection(with: other.0.line), let b = one.0.line.intersection(with: other.1.line),
                    let c = one.1.line.intersection(with: other.0.line), let d = one.1.line.intersection(with: other.1.line)
                else { continue }
                let support = [
                    one.0.support(from: a, to: b), one.1.support(from: c, to: d), other.0.support(from: a, to: c),
                    other.1.support(from: b, to: d),
                ]
                let mean = support.reduce(0, +) / 4
                guard let weakest = support.min(), weakest >= minimumSideSupport, mean >= minimumMeanSupport else {
                    continue
                }
                let score = (weakest + mean) / 2
                let shape = Quadrilateral([a, b, c, d])
                guard shape.isConvex,
                    shape.corners.allSatisfy({
                        $0.x >= -0.02 * width && $0.x <= 1.02 * width && $0.y >= -0.02 * height && $0.y <= 1.02 * height
                    })
                else { continue }
                let area = shape.area
                guard area <= 0.97 * width * height else { continue }
                guard area >= 0.8 * subjectArea, score > best?.score ?? -1 else { continue }
                let inside = Double(subject.count { shape.signedDistance($0) >= 0 }) / Double(subject.count)
                guard inside >= minimumContainment else { continue }
                best = (
                    score,
                    Outline(
                        quadrilateral: shape, sideSupport: Self.inCornerOrder(support, of: shape, a, b, c, d),
                        containment: inside)
                )
            }
        }
        guard let found = best?.outline else { return nil }
        let factor = SIMD2(Double(grid.fullWidth) / width, Double(grid.fullHeight) / height)
        return Outline(
            quadrilateral: found.quadrilateral.scaled(by: factor), sideSupport: found.sideSupport,
            containment: found.containment)
    }

    /// The mask of `outline` at `width × height`: 255 inside, 0 outside, a one-pixel soft edge. Each row's signed
    /// distance to the outline is the least of four linear functions of x, so each row's inside is one span filled
    /// at once and only the few pixels near a side are computed one by one.
    public static func mask(of outline: Quadrilateral, width: Int, height: Int) -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        let sides = outline.sides.compactMap { start, end -> (slope: Double, start: SIMD2<Double>, run: Double, rise: Double)? in
            let direction = end - start
            let length = (direction.x * direction.x + direction.y * direction.y).squareRoot()
            guard length > 0 else { return nil }
            return (-direction.y / length, start, direction.x / length, direction.y / length)
        }
        pixels.withUnsafeMutableBufferPointer { pixels in
            nonisolated(unsafe) let pixels = pixels
            concurrentRows(height) { y in
                let centreY = Double(y) + 0.5
                let lines = sides.map { side in (side.slope, side.run * (centreY - side.start.y) + side.rise * side.start.x) }
                func distance(_ x: Double) -> Double { lines.map { $0.0 * x + $0.1 }.min() ?? 0 }
                func span(above level: Double) -> (Double, Double) {
                    var low = 0.0
                    var high = Double(width)
                    for (slope, offset) in lines {
                        if slope > 0 { low = max(low, (level - offset) / slope) }
                        else if slope < 0 { high = min(high, (level - offset) / slope) }
                        else if offset < level { return (1, 0) }
                    }
                    return (low, high)
                }
                let (outerLow, outerHigh) = span(above: -0.5)
                let (innerLow, innerHigh) = span(above: 0.5)
                guard outerLow < outerHigh else { return }
                let first = max(0, Int((outerLow - 0.5).rounded(.down)))
                let last = min(width - 1, Int((outerHigh - 0.5).rounded(.up)))
                guard first <= last else { return }
                func inside(_ x: Int) -> Bool { Double(x) + 0.5 > innerLow && Double(x) + 0.5 < innerHigh }
                func column(near edge: Double, rounded rule: FloatingPointRoundingRule) -> Int {
                    edge.isNaN ? first : Int((min(max(edge, -1), Double(width) + 1) - 0.5).rounded(rule))
                }
                var insideFirst = max(first, column(near: innerLow, rounded: .down) - 1)
                while insideFirst <= last && !inside(insideFirst) { insideFirst += 1 }
                var insideLast = min(last, column(near: innerHigh, rounded: .up) + 1)
                while insideLast >= insideFirst && !inside(insideLast) { insideLast -= 1 }
                func edge(_ xs: ClosedRange<Int>) {
                    for x in xs {
                        let coverage = min(1, max(0, distance(Double(x) + 0.5) + 0.5))
                        pixels[y * width + x] = UInt8((coverage * 255).rounded())
                    }
                }
                guard insideFirst <= insideLast else { return edge(first...last) }
                if first < insideFirst { edge(first...(insideFirst - 1)) }
                (pixels.baseAddress! + y * width + insideFirst).update(repeating: 255, count: insideLast - insideFirst + 1)
                if insideLast < last { edge((insideLast + 1)...last) }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The supports of the sides a–b, c–d, a–c and b–d, reordered to follow the quadrilateral's corner order.
    private static func inCornerOrder(
        _ support: [Double], of shape: Quadrilateral, _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>,
        _ d: SIMD2<Double>
    ) -> [Double] {
        let sides = [(a, b), (c, d), (a, c), (b, d)]
        return shape.sides.map { side in
            let index = sides.firstIndex { ($0.0 == side.0 && $0.1 == side.1) || ($0.0 == side.1 && $0.1 == side.0) }
            return index.map { support[$0] } ?? 0
        }
    }
}

/// Tells when the book fills the whole photo — an open book or a page photographed close, running past the photo's
/// edges — and the model has kept only what is printed on it (the text block, an engraving). Then there is no
/// background in the photo, and the book's outline is the photo's own border. Three signs, all needed, measured on a
/// copy of at most 512 px:
/// - the model's edge runs through one unbroken surface: in a good share of the cells of a 32-px grid along the
///   mask's edge the colours just inside and just outside (2–6 px from it) match, both their medians (within 30
///   of 255) and their light ends, the 90th percentiles, where paper shows between dark print (within 8): a
///   correct mask has the book's edge there, a change of colour — a white cover on a white table differs by more;
/// - that surface — the median colour just inside the edge — makes up much of the subject (paper between the
///   lines of print, not a picture's own colours);
/// - the subject and the surface followed outwards from it without crossing an edge reach the photo's border (a
///   page lying whole on a desk stops at its own edge instead).
public struct FullFrameCheck: Sendable, Equatable {
    /// Share of the grid cells along the mask's edge whose colours inside and outside match.
    public var minimumContinuity: Double
    /// Share of the subject's pixels in the surface's colour.
    public var minimumSurfaceShare: Double
    /// Share of the photo's border reached by the surface or the subject.
    public var minimumBorderShare: Double

    /// The check with its measured defaults (see BENCHMARKS.md, the development set of real book photos).
    public init(minimumContinuity: Double = 0.2, minimumSurfaceShare: Double = 0.45, minimumBorderShare: Double = 0.1) {
        self.minimumContinuity = minimumContinuity
        self.minimumSurfaceShare = minimumSurfaceShare
        self.minimumBorderShare = minimumBorderShare
    }

    /// What the check measured on one mask.
    public struct Evidence: Sendable, Equatable {
        /// Share of the grid cells along the mask's edge whose colours inside and outside match.
        public let continuity: Double
        /// The number of grid cells along the edge that were compared.
        public let cells: Int
        /// Share of the subject's pixels in the surface's colour.
        public let surfaceShare: Double
        /// Share of the photo's border reached by the surface or the subject.
        public let borderShare: Double
    }

    static let cellSize = 32
    static let minimumCells = 8
    static let minimumBandPixels = 10
    static let matchingColours: Float = 30 / 255
    static let matchingLightEnds: Float = 8 / 255
    static let lightEnd = 0.9

    /// Whether the book fills the photo, by the three signs above. The surface is followed to the border only when
    /// the first two signs hold, as they seldom do.
    public func bookFillsFrame(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Bool {
        bookFillsFrame(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold))
    }

    /// Whether the book fills the photo, measured on a photo and mask already reduced to the working grid.
    func bookFillsFrame(_ copy: OutlineWorkingCopy) -> Bool {
        guard let evidence = measure(copy, followingSurface: false),
            edgeSignsHold(evidence)
        else { return false }
        return evidence.borderShare >= minimumBorderShare
    }

    /// The three measurements, or nil when the mask is empty or covers the whole photo.
    public func measure(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Evidence? {
        measure(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold), followingSurface: true)
    }

    /// Whether the mask's edge runs through one surface that makes up much of the subject.
    private func edgeSignsHold(_ evidence: Evidence) -> Bool {
        evidence.cells >= Self.minimumCells && evidence.continuity >= minimumContinuity
            && evidence.surfaceShare >= minimumSurfaceShare
    }

    /// The measurements; the border share only when `followingSurface` or the first two signs hold (0 otherwise).
    private func measure(_ copy: OutlineWorkingCopy, followingSurface: Bool) -> Evidence? {
        let (width, height) = (copy.grid.width, copy.grid.height)
        let margin = SurfaceColours.borderMargin
        guard width > 2 * margin, height > 2 * margin else { return nil }
        let inside = copy.subject
        guard inside.contains(true), inside.contains(false) else { return nil }
        let count = width * height
        let toOutside = ChamferDistance(marked: inside.map { !$0 }, width: width, height: height)
        let toInside = copy.toSubject
        let colour = copy.colour(at:)
        func bands(x: Int, y: Int) -> (inner: Bool, outer: Bool) {
            guard x >= margin, y >= margin, x < width - margin, y < height - margin else { return (false, false) }
            let index = y * width + x
            return inside[index]
                ? (SurfaceColours.inBand(distance: toOutside.pixels(at: index)), false)
                : (false, SurfaceColours.inBand(distance: toInside.pixels(at: index)))
        }
        var innerBand: [SIMD3<Float>] = []
        var matching = 0
        var cells = 0
        for cellY in stride(from: 0, to: height, by: Self.cellSize) {
            for cellX in stride(from: 0, to: width, by: Self.cellSize) {
                var inner: [SIMD3<Float>] = []
                var outer: [SIMD3<Float>] = []
                for y in cellY..<min(height, cellY + Self.cellSize) {
                    for x in cellX..<min(width, cellX + Self.cellSize) {
                        let band = bands(x: x, y: y)
                        if band.inner {
                            inner.append(colour(y * width + x))
                        } else if band.outer {
                            outer.append(colour(y * width + x))
                        }
                    }
                }
                innerBand += inner
                guard inner.count >= Self.minimumBandPixels, outer.count >= Self.minimumBandPixels else { continue }
                cells += 1
                if Self.oneSurface(inner, outer) { matching += 1 }
            }
        }
        guard !innerBand.isEmpty else { return nil }
        let surface = SurfaceColours.percentiles([0.5], of: innerBand)[0]
        var subject = 0
        var inSurfaceColour = 0
        for index in 0..<count where inside[index] {
            subject += 1
            if SurfaceColours.largestDifference(colour(index), surface) < SurfaceColours.sameSurface {
                inSurfaceColour += 1
            }
        }
        let continuity = cells == 0 ? 0 : Double(matching) / Double(cells)
        let surfaceShare = Double(inSurfaceColour) / Double(subject)
        let edgeEvidence = Evidence(continuity: continuity, cells: cells, surfaceShare: surfaceShare, borderShare: 0)
        guard followingSurface || edgeSignsHold(edgeEvidence) else { return edgeEvidence }
        let reached = SurfaceColours.followSurface(surface, from: inside, in: copy)
        return Evidence(
            continuity: continuity, cells: cells, surfaceShare: surfaceShare,
            borderShare: GridFlood.borderShare(of: reached, width: width, height: height))
    }

    /// Whether the colours just inside and just outside the mask's edge in one cell are one surface: medians and
    /// light ends (where paper shows between dark print) alike. In a cell with few band pixels the light end is
    /// the brightest of them or close to it.
    static func oneSurface(_ inner: [SIMD3<Float>], _ outer: [SIMD3<Float>]) -> Bool {
        let inside = SurfaceColours.percentiles([0.5, lightEnd], of: inner)
        let outside = SurfaceColours.percentiles([0.5, lightEnd], of: outer)
        return SurfaceColours.largestDifference(inside[0], outside[0]) < matchingColours
            && SurfaceColours.largestDifference(inside[1], outside[1]) < matchingLightEnds
    }
}

/// Tells a picture printed on a page that fills the photo — an engraving, a vignette, a printer's device on an old
/// title page, photographed close — which the model kept instead of the page. Its edge is the picture's, a change
/// of colour, so ``FullFrameCheck`` does not see it; what gives it away is the paper around it. Three signs, all
/// needed, measured on a copy of at most 512 px, and asked only of a mask that is not book-shaped:
/// - the subject lies in one light, plain surface: just outside its edge (2–6 px from it) nearly every pixel has
///   the colour of that ring's median, and that colour is light (paper, not a desk or a dark backdrop);
/// - that surface, followed outwards from the subject without crossing an edge, reaches the photo's border (a page
///   lying whole on a desk stops at its own edge);
/// - the surface carries print: many small islands of another colour inside it (letters, rules, page numbers),
///   where a plain white table or backdrop has none.
public struct PrintedPageCheck: Sendable, Equatable {
    /// Share of the ring around the subject in the ring's median colour.
    public var minimumUniformity: Double
    /// Least brightness of that colour, the mean of its channels in 0…1.
    public var minimumLightness: Double
    /// Share of the photo's border reached by the surface or the subject.
    public var minimumBorderShare: Double
    /// Islands of print in the surface, per 10,000 of its pixels on the working grid.
    public var minimumPrintDensity: Double

    /// The check with its measured defaults (see BENCHMARKS.md, the development set of real book photos).
    public init(
        minimumUniformity: Double = 0.88, minimumLightness: Double = 0.55, minimumBorderShare: Double = 0.1,
        minimumPrintDensity: Double = 10
    ) {
        self.minimumUniformity = minimumUniformity
        self.minimumLightness = minimumLightness
        self.minimumBorderShare = minimumBorderShare
        self.minimumPrintDensity = minimumPrintDensity
    }

    /// What the check measured on one mask.
    public struct Evidence: Sendable, Equatable {
        /// Share of the ring around the subject in the ring's median colour.
        public let uniformity: Double
        /// Brightness of that colour.
        public let lightness: Double
        /// Share of the photo's border reached by the surface or the subject.
        public let borderShare: Double
        /// Islands of print per 10,000 pixels of the surface.
        public let printDensity: Double
    }

    /// Islands of this many grid pixels count as print: a letter or a rule, not a speck or a picture.
    static let printIslandSizes = 2...400
    /// The ring around the subject, away from the photo's border, must hold at least this many grid pixels.
    static let minimumRingPixels = 50

    /// Whether `mask` (the model's, same size as `image`) is a picture printed on a page that fills the photo.
    public func pictureOnPage(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Bool {
        pictureOnPage(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold))
    }

    /// Whether the mask is a picture printed on a page that fills the photo, measured on the working grid.
    func pictureOnPage(_ copy: OutlineWorkingCopy) -> Bool {
        guard let evidence = measure(copy, beyondTheRing: false) else { return false }
        return evidence.uniformity >= minimumUniformity && evidence.lightness >= minimumLightness
            && evidence.borderShare >= minimumBorderShare && evidence.printDensity >= minimumPrintDensity
    }

    /// The four measurements, or nil when the mask is empty or covers the photo, the working grid is too small, or
    /// fewer than ``minimumRingPixels`` of the ring around the subject lie away from the photo's border.
    public func measure(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Evidence? {
        measure(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold), beyondTheRing: true)
    }

    /// The measurements; the border share and the print only when `beyondTheRing` or the ring is light and plain
    /// enough (0 otherwise), as seldom happens.
    private func measure(_ copy: OutlineWorkingCopy, beyondTheRing: Bool) -> Evidence? {
        let (width, height) = (copy.grid.width, copy.grid.height)
        let margin = SurfaceColours.borderMargin
        guard width > 2 * margin, height > 2 * margin else { return nil }
        let count = width * height
        let inside = copy.subject
        guard inside.contains(true), inside.contains(false) else { return nil }
        let colour = copy.colour(at:)
        let toInside = copy.toSubject
        var ring: [SIMD3<Float>] = []
        for y in margin..<(height - margin) {
            for x in margin..<(width - margin) {
                let index = y * width + x
                if !inside[index] && SurfaceColours.inBand(distance: toInside.pixels(at: index)) {
                    ring.append(colour(index))
                }
            }
        }
        guard ring.count >= Self.minimumRingPixels else { return nil }
        let surface = SurfaceColours.percentiles([0.5], of: ring)[0]
        let uniformity =
            Double(ring.count { SurfaceColours.largestDifference($0, surface) < SurfaceColours.sameSurface })
            / Double(ring.count)
        let lightness = Double(surface.x + surface.y + surface.z) / 3
        guard beyondTheRing || (uniformity >= minimumUniformity && lightness >= minimumLightness) else {
            return Evidence(uniformity: uniformity, lightness: lightness, borderShare: 0, printDensity: 0)
        }
        let subject = Self.withHolesFilled(inside, width: width, height: height)
        let reached = SurfaceColours.followSurface(surface, from: subject, in: copy)
        let surfaceArea = (0..<count).count { reached[$0] && !subject[$0] }
        let islands = Self.enclosedIslands(outside: reached, width: width, height: height)
        return Evidence(
            uniformity: uniformity, lightness: lightness,
            borderShare: GridFlood.borderShare(of: reached, width: width, height: height),
            printDensity: surfaceArea == 0 ? 0 : Double(islands) / Double(surfaceArea) * 10_000)
    }

    /// The subject with every hole in it filled: the pixels outside it that cannot reach the grid's border
    /// without crossing it, so that a hole in the model's mask is neither surface nor print.
    static func withHolesFilled(_ subject: [Bool], width: Int, height: Int) -> [Bool] {
        var flood = GridFlood(reached: subject, width: width, height: height)
        flood.spread(from: GridFlood.borderIndices(width: width, height: height))
        return (0..<(width * height)).map { subject[$0] || !flood.reached[$0] }
    }

    /// The number of islands of pixels outside `region` that `region` encloses — not joined to the grid's border
    /// through other pixels outside it — and whose size is in ``printIslandSizes``. Islands are 4-neighbour parts,
    /// as the thresholds were measured (8-neighbour parts, the region's topological dual, join letters that touch
    /// at a corner: on `lept-lyra-036` the density falls from 16 to under 10).
    static func enclosedIslands(outside region: [Bool], width: Int, height: Int) -> Int {
        var flood = GridFlood(reached: region, width: width, height: height)
        flood.spread(from: GridFlood.borderIndices(width: width, height: height))
        var islands = 0
        for index in 0..<(width * height) where !flood.reached[index] {
            if printIslandSizes.contains(flood.spread(from: CollectionOfOne(index))) { islands += 1 }
        }
        return islands
    }
}

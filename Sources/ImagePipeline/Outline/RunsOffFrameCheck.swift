/// Tells an open book or a page photographed close that runs past the photo on three sides, where the model kept
/// the page out to those three edges but stopped short of the fourth, at the gutter's shadow or the other page's
/// edge, which are the book too. Then the book fills the photo, and its outline is the photo's own border. Two
/// signs, both needed, measured on the model's subject on a copy of at most 512 px:
/// - the subject covers most of the photo;
/// - it runs out to the photo's edge on exactly three sides and stops clearly short of the fourth. A closed book
///   framed tightly leaves a margin on every side; a book lying whole in the photo reaches no side.
///
/// A side's gap is the share of the photo between that side and the first row or column that is at least a tenth
/// subject, so that a speck of mask near an edge does not count as reaching it.
public struct RunsOffFrameCheck: Sendable, Equatable {
    /// Share of the photo the subject must cover.
    public var minimumCover: Double
    /// Largest gap, as a share of the photo's width or height, of a side the subject runs out to.
    public var maximumCutGap: Double
    /// Least gap of the fourth side, the one the subject stops short of.
    public var minimumOpenGap: Double

    /// The check with its measured defaults (see BENCHMARKS.md, the development set of real book photos).
    public init(minimumCover: Double = 0.78, maximumCutGap: Double = 0.03, minimumOpenGap: Double = 0.05) {
        self.minimumCover = minimumCover
        self.maximumCutGap = maximumCutGap
        self.minimumOpenGap = minimumOpenGap
    }

    /// What the check measured on one mask.
    public struct Evidence: Sendable, Equatable {
        /// Share of the photo that is subject.
        public let cover: Double
        /// The gaps between the subject and the photo's top, right, bottom and left sides, each a share of the
        /// photo's height or width.
        public let gaps: [Double]
    }

    /// A row or column counts as reached when at least this share of it is subject.
    static let reachedShare = 0.1

    /// Whether `mask` (the model's, same size as `image`) is a page that runs off the photo on three sides.
    public func bookRunsOffFrame(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Bool {
        bookRunsOffFrame(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold))
    }

    /// Whether the subject covers enough of the photo and runs off it on exactly three sides, measured on the
    /// working grid.
    func bookRunsOffFrame(_ copy: OutlineWorkingCopy) -> Bool {
        guard let evidence = measure(copy), evidence.cover >= minimumCover else { return false }
        let openGaps = evidence.gaps.filter { $0 > maximumCutGap }
        return openGaps.count == 1 && openGaps[0] >= minimumOpenGap
    }

    /// The measurements, or nil when no row or no column of the photo is a tenth subject.
    public func measure(_ image: RGBImage, mask: GrayImage, subjectThreshold: UInt8 = 128) -> Evidence? {
        measure(OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: subjectThreshold))
    }

    /// The measurements on the working grid, or nil when no row or no column of it is a tenth subject.
    private func measure(_ copy: OutlineWorkingCopy) -> Evidence? {
        let (width, height) = (copy.grid.width, copy.grid.height)
        let subject = copy.subject
        var rows = [Int](repeating: 0, count: height)
        var columns = [Int](repeating: 0, count: width)
        for y in 0..<height {
            for x in 0..<width where subject[y * width + x] {
                rows[y] += 1
                columns[x] += 1
            }
        }
        let reachedRows = rows.indices.filter { Double(rows[$0]) >= Self.reachedShare * Double(width) }
        let reachedColumns = columns.indices.filter { Double(columns[$0]) >= Self.reachedShare * Double(height) }
        guard let top = reachedRows.first, let bottom = reachedRows.last, let left = reachedColumns.first,
            let right = reachedColumns.last
        else { return nil }
        let (gridWidth, gridHeight) = (Double(width), Double(height))
        return Evidence(
            cover: Double(rows.reduce(0, +)) / (gridWidth * gridHeight),
            gaps: [
                Double(top) / gridHeight, Double(width - 1 - right) / gridWidth,
                Double(height - 1 - bottom) / gridHeight, Double(left) / gridWidth,
            ])
    }
}

import ImagePipeline
import Testing

/// A page of an open book photographed close, running off the photo on three sides, where the model keeps the page
/// and stops short of the fourth side at the gutter's shadow and the other page: the step returns the whole photo
/// (`applied`, `fillsFrame`). A closed book framed tightly, a subject covering too little, one reaching every side,
/// one stopping just short of the fourth or short of two sides, and the synthetic covers are left to the rest of the
/// step.
@Suite("Book outline: a page that runs off three sides of the photo")
struct RunsOffFrameTests {
    /// The size of the test photos; their working grid is 300 × 400.
    static let (width, height) = (900, 1200)

    /// A mask of the rectangle `left..<right × top..<bottom`, plus a 12-px square speck at the left edge when asked.
    static func mask(left: Int, top: Int, right: Int, bottom: Int, speckAtLeftEdge: Bool = false) -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in top..<bottom {
            for x in left..<right { pixels[y * width + x] = 255 }
        }
        if speckAtLeftEdge {
            for y in 600..<612 {
                for x in 0..<12 { pixels[y * width + x] = 255 }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The page kept out to three edges and short of the fourth by a tenth of the photo: 0 top, 1 right, 2 bottom,
    /// 3 left, the order of the evidence's gaps.
    static func page(openSide: Int) -> GrayImage {
        switch openSide {
        case 0: mask(left: 0, top: 120, right: width, bottom: height)
        case 1: mask(left: 0, top: 0, right: 810, bottom: height)
        case 2: mask(left: 0, top: 0, right: width, bottom: 1080)
        default: mask(left: 90, top: 0, right: width, bottom: height)
        }
    }

    @Test("the page kept out to three edges and short of the fourth: the book runs off the photo", arguments: 0..<4)
    func pageRunningOffThreeSides(openSide: Int) throws {
        let image = OpenBookPage().render()
        let page = Self.page(openSide: openSide)
        let evidence = try #require(RunsOffFrameCheck().measure(image, mask: page))
        print("runs off the frame, the page open on side \(openSide): \(evidence)")
        #expect(abs(evidence.cover - 0.9) < 0.01)
        for side in 0..<4 {
            #expect(side == openSide ? abs(evidence.gaps[side] - 0.1) < 0.01 : evidence.gaps[side] == 0, "side \(side)")
        }
        let taken = RunsOffFrameCheck().bookRunsOffFrame(image, mask: page)
        #expect(taken)
    }

    @Test("a speck of mask at the fourth edge does not reach it")
    func speckAtTheFourthEdge() {
        let image = OpenBookPage().render()
        let speckled = Self.mask(left: 90, top: 0, right: Self.width, bottom: Self.height, speckAtLeftEdge: true)
        let taken = RunsOffFrameCheck().bookRunsOffFrame(image, mask: speckled)
        #expect(taken, "a speck of mask by the fourth edge counted as reaching it")
    }

    @Test(
        "a closed book framed tightly, a subject too small, one reaching every side or nearly, one short of two: not",
        arguments: LeftAloneMask.allCases)
    func leftAlone(_ case: LeftAloneMask) throws {
        let image = OpenBookPage().render()
        let evidence = try #require(RunsOffFrameCheck().measure(image, mask: `case`.mask))
        print("runs off the frame, \(`case`.rawValue): \(evidence)")
        let taken = RunsOffFrameCheck().bookRunsOffFrame(image, mask: `case`.mask)
        #expect(!taken, "\(`case`.rawValue)")
    }

    @Test(
        "a figure printed on a cover, and the cover the model had right: not a page running off the photo",
        arguments: SyntheticCover.covers)
    func coversAreNot(_ cover: SyntheticCover) {
        let (image, figure) = cover.render()
        for mask in [figure, cover.coverMask()] {
            let taken = RunsOffFrameCheck().bookRunsOffFrame(image, mask: mask)
            #expect(!taken, "\(String(describing: RunsOffFrameCheck().measure(image, mask: mask)))")
        }
    }

    @Test("an empty mask measures nothing")
    func emptyMask() {
        let image = OpenBookPage().render()
        let pixels = [UInt8](repeating: 0, count: Self.width * Self.height)
        let empty = GrayImage(width: Self.width, height: Self.height, pixels: pixels)
        let evidence = RunsOffFrameCheck().measure(image, mask: empty)
        let taken = RunsOffFrameCheck().bookRunsOffFrame(image, mask: empty)
        #expect(evidence == nil && !taken)
    }

    @Test("u2netp keeps the page up to the gutter, which only this check takes; the step returns the whole photo")
    func throughThePipeline() throws {
        let image = OpenBookPage().render()
        let photo = try Fixtures.png(image)
        let attempts = [Attempt(model: "u2netp", refine: false)]
        let alone = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: attempts, bookOutline: nil, maskOnly: true))
        let modelMask = try #require(alone.process(photo, input: "open book page, model alone").maskPixels)
        let evidence = try #require(RunsOffFrameCheck().measure(image, mask: modelMask))
        print("runs off the frame, u2netp's own mask: \(evidence)")
        let takenHere = RunsOffFrameCheck().bookRunsOffFrame(image, mask: modelMask)
        #expect(takenHere)
        print("full frame, u2netp's own mask: \(String(describing: FullFrameCheck().measure(image, mask: modelMask)))")
        let takenByFullFrame = FullFrameCheck().bookFillsFrame(image, mask: modelMask)
        #expect(!takenByFullFrame, "the full-frame check takes it first")

        let withStep = PhotoProcessor(
            segmenters: Fixtures.sessions, options: ProcessingOptions(attempts: attempts, maskOnly: true))
        let result = withStep.process(photo, input: "open book page")
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let outline = try #require(result.report.bookOutline)
        print("runs off the frame through u2netp: \(outline)")
        #expect(outline.outcome == .applied && outline.fillsFrame == true)
        #expect(outline.wholePhotoCheck == .runsOffFrame)
        #expect(outline.shapeScoreBefore >= 0.9, "a book-shaped mask, which the step otherwise leaves as it is")
        let mask = try #require(result.maskPixels)
        #expect(mask.pixels.allSatisfy { $0 == 255 })
    }
}

/// Masks the check must leave alone, named by why.
enum LeftAloneMask: String, CaseIterable, Sendable {
    case closedBookFramedTightly = "a closed book framed tightly: a margin on every side"
    case tooLittleCover = "three sides reached, a third of the photo left out"
    case everySide = "every side reached"
    case fourthAllButReached = "three sides reached and the fourth all but reached"
    case twoSidesShort = "two sides reached, two short"

    /// The mask, on a photo of the test size.
    var mask: GrayImage {
        let (width, height) = (RunsOffFrameTests.width, RunsOffFrameTests.height)
        switch self {
        case .closedBookFramedTightly: return RunsOffFrameTests.mask(left: 32, top: 42, right: 868, bottom: 1158)
        case .tooLittleCover: return RunsOffFrameTests.mask(left: 300, top: 0, right: width, bottom: height)
        case .everySide: return RunsOffFrameTests.mask(left: 10, top: 10, right: width - 10, bottom: height - 10)
        case .fourthAllButReached: return RunsOffFrameTests.mask(left: 36, top: 0, right: width, bottom: height)
        case .twoSidesShort: return RunsOffFrameTests.mask(left: 90, top: 0, right: width, bottom: 1110)
        }
    }
}

/// A synthetic photo of an open book's right-hand page taken close: on the left a strip of the other page, darkening
/// towards the gutter, and the gutter's dark shadow; the page itself cream, running off the photo's top, right and
/// bottom edges, with lines of glyph-like strokes from its inner margin to the right edge.
struct OpenBookPage {
    /// Where the page starts: the other page and the gutter's shadow lie left of this column.
    static let gutter = 120

    /// The photo.
    func render() -> RGBImage {
        let (width, height) = (RunsOffFrameTests.width, RunsOffFrameTests.height)
        var random = SeededRandom(seed: 23)
        var canvas = Canvas(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let noise = random.next(in: -6...6)
                let paper: SIMD3<Double>
                if x < Self.gutter - 15 {
                    let depth = Double(x) / Double(Self.gutter - 15)
                    paper = SIMD3(200, 190, 165) * (1 - 0.7 * depth * depth)
                } else if x < Self.gutter {
                    paper = SIMD3(62, 54, 44)
                } else {
                    let shade = 20 * Double(x - Self.gutter) / Double(width - Self.gutter)
                    paper = SIMD3(232 - shade, 222 - shade, 196 - shade)
                }
                canvas.put(x, y, paper + noise)
            }
        }
        for line in stride(from: 40, to: height - 12, by: 30) {
            canvas.drawPrintLine(row: line, from: Self.gutter + 60, wordsStartBefore: width, end: width, random: &random)
        }
        return canvas.image
    }
}

import ImagePipeline
import Testing

/// A picture printed on a page that fills the photo — a vignette on an old title page — which the model keeps
/// instead of the page: the step returns the whole photo (`applied`, `fillsFrame`). The same page lying whole on a
/// desk, the picture on a plain white table, on a dark printed surface, and the synthetic covers are left to the
/// rest of the step.
@Suite("Book outline: a picture printed on a page that fills the frame")
struct PrintedPageTests {
    @Test("a vignette on a page that fills the photo: the picture sits in paper with print that reaches the border")
    func vignetteOnAPage() throws {
        let page = SyntheticTitlePage(layout: .fillingThePhoto)
        let evidence = try #require(PrintedPageCheck().measure(page.render(), mask: page.vignetteMask()))
        print("printed page, filling the photo: \(evidence)")
        #expect(evidence.uniformity >= 0.95 && evidence.lightness >= 0.7)
        #expect(evidence.borderShare >= 0.9 && evidence.printDensity >= 20)
        let taken = PrintedPageCheck().pictureOnPage(page.render(), mask: page.vignetteMask())
        #expect(taken)
    }

    @Test(
        "the same vignette on a page lying on a desk, on a plain white table and on a dark printed surface: not",
        arguments: [SyntheticTitlePage.Layout.onADesk, .withoutPrint, .darkPaper])
    func notAPageFillingThePhoto(_ layout: SyntheticTitlePage.Layout) throws {
        let page = SyntheticTitlePage(layout: layout)
        let evidence = try #require(PrintedPageCheck().measure(page.render(), mask: page.vignetteMask()))
        print("printed page, \(layout): \(evidence)")
        switch layout {
        case .onADesk: #expect(evidence.borderShare == 0)
        case .withoutPrint: #expect(evidence.printDensity < 5 && evidence.borderShare >= 0.9)
        case .darkPaper:
            #expect(evidence.lightness < 0.4)
            #expect(evidence.uniformity >= 0.95 && evidence.borderShare >= 0.9 && evidence.printDensity >= 20)
        case .fillingThePhoto: Issue.record("not a negative case")
        }
        let taken = PrintedPageCheck().pictureOnPage(page.render(), mask: page.vignetteMask())
        #expect(!taken)
    }

    @Test("a figure printed on a cover, and the cover the model had right: not a picture on a page", arguments: SyntheticCover.covers)
    func coversAreNot(_ cover: SyntheticCover) throws {
        let (image, figure) = cover.render()
        for mask in [figure, cover.coverMask()] {
            let taken = PrintedPageCheck().pictureOnPage(image, mask: mask)
            #expect(!taken, "\(String(describing: PrintedPageCheck().measure(image, mask: mask)))")
        }
    }

    @Test("an empty mask and a mask of the whole photo measure nothing")
    func nothingToMeasure() {
        let image = SyntheticTitlePage(layout: .fillingThePhoto).render()
        let count = image.width * image.height
        for value: UInt8 in [0, 255] {
            let evidence = PrintedPageCheck().measure(
                image, mask: GrayImage(width: image.width, height: image.height, pixels: [UInt8](repeating: value, count: count)))
            #expect(evidence == nil)
        }
    }

    @Test("through the step: u2netp keeps the vignette, the step returns the whole page and says so")
    func throughTheStep() throws {
        let image = SyntheticTitlePage(layout: .fillingThePhoto).render()
        let finder = BookOutlineFinder()
        let kept = try Fixtures.sessions.segmenter(for: "u2netp").predict(image).mask
        let fillsFrame = finder.fullFrame.bookFillsFrame(image, mask: kept)
        let pictureOnPage = finder.printedPage.pictureOnPage(image, mask: kept)
        #expect(!fillsFrame, "the full-frame check takes u2netp's mask already")
        #expect(pictureOnPage)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: false)], maskOnly: true))
        let result = processor.process(try Fixtures.png(image), input: "title page with a vignette")
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let outline = try #require(result.report.bookOutline)
        print("printed page through u2netp: \(outline)")
        let mask = try #require(result.maskPixels)
        #expect(outline.shapeScoreBefore < finder.bookShapedScore, "u2netp kept a book-shaped region, not the vignette")
        #expect(outline.outcome == .applied && outline.fillsFrame == true)
        #expect(outline.wholePhotoCheck == .printedPage)
        let wholePhoto = mask.pixels.allSatisfy { $0 == 255 }
        #expect(wholePhoto)
    }
}

/// A synthetic photo of an old title page: cream paper with lines of glyph-like strokes above and below an oval
/// vignette of dense diagonal hatching in red-brown ink. It fills the photo, or lies whole on a dark desk; or the
/// paper has no print (a picture on a plain white table), or is dark with light print and a light picture (a
/// picture on a dark printed surface).
struct SyntheticTitlePage {
    enum Layout: Sendable, CustomTestStringConvertible {
        case fillingThePhoto, onADesk, withoutPrint, darkPaper

        var testDescription: String {
            switch self {
            case .fillingThePhoto: "filling the photo"
            case .onADesk: "lying on a desk"
            case .withoutPrint: "without print"
            case .darkPaper: "dark paper"
            }
        }
    }

    let width = 900
    let height = 1200
    let layout: Layout

    /// The vignette's centre and radii.
    static let centre = SIMD2(450.0, 600.0)
    static let radii = SIMD2(230.0, 170.0)
    /// The rows that carry print: title lines above the vignette, imprint lines below.
    static let printedRows = Array(stride(from: 100, through: 370, by: 30)) + Array(stride(from: 830, through: 1100, by: 30))

    /// Whether a pixel lies in the vignette, `grow` pixels beyond its edge included.
    static func inVignette(_ x: Int, _ y: Int, grow: Double = 0) -> Bool {
        let offset = (SIMD2(Double(x) + 0.5, Double(y) + 0.5) - centre) / (radii + grow)
        return (offset * offset).sum() <= 1
    }

    /// The vignette, as a model that keeps only the picture would return it.
    func vignetteMask() -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width where Self.inVignette(x, y, grow: 3) { pixels[y * width + x] = 255 }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The photo.
    func render() -> RGBImage {
        var random = SeededRandom(seed: 23)
        var canvas = Canvas(width: width, height: height)
        let paper: SIMD3<Double> = layout == .darkPaper ? SIMD3(70, 58, 48) : SIMD3(226, 214, 186)
        let ink: SIMD3<Double> = layout == .darkPaper ? SIMD3(230, 220, 200) : SIMD3(150, 50, 40)
        for y in 0..<height {
            for x in 0..<width {
                let onPage = layout != .onADesk || (70..<830).contains(x) && (90..<1110).contains(y)
                let noise = random.next(in: -4...4)
                let colour = onPage ? paper - 20 * Double(x) / Double(width) + noise : SIMD3(120, 78, 44) + 2 * noise
                let hatched = Self.inVignette(x, y) && (x + y) % 5 < 3
                canvas.put(x, y, hatched ? ink + noise : colour)
            }
        }
        guard layout != .withoutPrint else { return canvas.image }
        let style = Canvas.PrintStyle(
            glyphHeight: 16, strokeWidth: 3, strokePitch: 7, wordLengths: 18...70, wordGap: 16,
            ink: layout == .darkPaper ? ink : ink * 0.5)
        for row in Self.printedRows {
            let start = 160 + Int(random.next(in: 0...60))
            canvas.drawPrintLine(row: row, from: start, wordsStartBefore: 720, end: 740, style: style, random: &random)
        }
        return canvas.image
    }
}

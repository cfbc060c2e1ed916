import ImagePipeline
import Testing

/// The book that fills the frame: a page photographed close, running past the photo's edges, where the model keeps
/// only the block of print. The step returns the whole photo (`applied`, `fillsFrame`); the same page lying whole
/// on a desk, a figure printed on a cover, a cover the model had right and a white cover on a white table are left
/// to the rest of the step.
@Suite("Book outline: a page that fills the frame")
struct FullFrameTests {
    /// The block of print on `SyntheticPage`, as a model that keeps only the print would return it.
    static func textBlockMask(_ page: SyntheticPage) -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: page.width * page.height)
        for y in SyntheticPage.textRows.lowerBound - 2...SyntheticPage.textRows.upperBound + 2 {
            for x in SyntheticPage.textColumns.lowerBound - 2...SyntheticPage.textColumns.upperBound + 2 {
                pixels[y * page.width + x] = 255
            }
        }
        return GrayImage(width: page.width, height: page.height, pixels: pixels)
    }

    @Test(
        "the mask on a page's print: the book fills the frame when the page fills the photo, not when it lies on a desk",
        arguments: [false, true])
    func pageOnItsPrint(onDesk: Bool) throws {
        let page = SyntheticPage(onDesk: onDesk)
        let image = page.render()
        let evidence = try #require(FullFrameCheck().measure(image, mask: Self.textBlockMask(page)))
        print("full frame, page on a desk \(onDesk): \(evidence)")
        #expect(evidence.continuity >= 0.6 && evidence.surfaceShare >= 0.6)
        #expect(onDesk ? evidence.borderShare == 0 : evidence.borderShare >= 0.9)
        #expect(FullFrameCheck().bookFillsFrame(image, mask: Self.textBlockMask(page)) == !onDesk)
    }

    @Test(
        "a figure printed on a cover, and the cover the model had right: not a page filling the frame",
        arguments: SyntheticCover.covers)
    func coversAreNot(_ cover: SyntheticCover) throws {
        let (image, figure) = cover.render()
        for mask in [figure, cover.coverMask()] {
            let evidence = try #require(FullFrameCheck().measure(image, mask: mask))
            #expect(evidence.cells >= 8 && evidence.continuity < 0.2, "\(evidence)")
            #expect(!FullFrameCheck().bookFillsFrame(image, mask: mask))
        }
    }

    @Test(
        "a white cover on a white table, the model right: its edge is a change of colour, not one surface",
        arguments: [12, 20])
    func whiteCoverOnWhiteTable(lighter: Int) throws {
        let (width, height) = (1000, 800)
        let cover = Quadrilateral([SIMD2(320, 120), SIMD2(680, 140), SIMD2(662, 680), SIMD2(300, 662)])
        var random = SeededRandom(seed: 5)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let onCover = cover.signedDistance(SIMD2(Double(x) + 0.5, Double(y) + 0.5)) >= 0
                let inTitle = onCover && (220..<300).contains(y) && (380..<600).contains(x) && y % 26 < 14
                let base = inTitle ? 30.0 : 236.0 + (onCover ? Double(lighter) : 0) + random.next(in: -3...3)
                for channel in 0..<3 { pixels[(y * width + x) * 3 + channel] = UInt8(min(255, max(0, base - Double(channel) * 3))) }
            }
        }
        let image = RGBImage(width: width, height: height, pixels: pixels)
        let mask = BookOutlineFinder.mask(of: cover, width: width, height: height)
        let evidence = try #require(FullFrameCheck().measure(image, mask: mask))
        print("full frame, white cover \(lighter) levels lighter than the table: \(evidence)")
        #expect(evidence.cells >= 8 && evidence.surfaceShare >= 0.45 && evidence.borderShare >= 0.1)
        #expect(evidence.continuity < 0.2, "the colours across the cover's edge were taken for one surface")
        #expect(!FullFrameCheck().bookFillsFrame(image, mask: mask))
    }

    @Test("an empty mask and a mask of the whole photo measure nothing")
    func nothingToMeasure() {
        let image = SyntheticPage(onDesk: false).render()
        let empty = GrayImage(width: image.width, height: image.height, pixels: [UInt8](repeating: 0, count: image.width * image.height))
        let full = GrayImage(width: image.width, height: image.height, pixels: [UInt8](repeating: 255, count: image.width * image.height))
        #expect(FullFrameCheck().measure(image, mask: empty) == nil)
        #expect(FullFrameCheck().measure(image, mask: full) == nil)
    }

    @Test("u2netp keeps the print; the step returns the whole page and says so", arguments: [false, true])
    func throughThePipeline(onDesk: Bool) throws {
        let image = SyntheticPage(onDesk: onDesk).render()
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: false)], maskOnly: true))
        let result = processor.process(try Fixtures.png(image), input: onDesk ? "page on a desk" : "page filling the photo")
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let mask = try #require(result.maskPixels)
        let outline = try #require(result.report.bookOutline)
        print("full frame through u2netp, on a desk \(onDesk): \(outline)")
        if onDesk {
            #expect(outline.fillsFrame == nil && outline.wholePhotoCheck == nil)
            #expect(mask.pixels.contains(0))
        } else {
            #expect(outline.outcome == .applied && outline.fillsFrame == true)
            #expect(outline.wholePhotoCheck == .fullFrame)
            #expect(outline.shapeScoreAfter == 1)
            #expect(outline.corners == [[0, 0], [900, 0], [900, 1200], [0, 1200]])
            #expect(mask.pixels.allSatisfy { $0 == 255 })
        }
    }
}

/// A synthetic photo of a printed page: cream paper, darker towards the right as a page curving into the spine,
/// with a block of glyph-like strokes; filling the whole photo, or lying whole on a dark wooden desk.
struct SyntheticPage {
    let width = 900
    let height = 1200
    let onDesk: Bool

    /// The rows and columns the print occupies.
    static let textRows = 180...1017
    static let textColumns = 140...759

    /// The photo.
    func render() -> RGBImage {
        var random = SeededRandom(seed: 11)
        var canvas = Canvas(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let onPage = !onDesk || (70..<830).contains(x) && (90..<1110).contains(y)
                let noise = random.next(in: -5...5)
                let shade = 30 * Double(x) / Double(width)
                canvas.put(x, y, onPage ? SIMD3(228 - shade, 218 - shade, 192 - shade) + noise : SIMD3(120, 78, 44) + 2 * noise)
            }
        }
        var line = Self.textRows.lowerBound
        while line + 12 <= Self.textRows.upperBound + 1 {
            canvas.drawPrintLine(
                row: line, from: Self.textColumns.lowerBound, wordsStartBefore: Self.textColumns.upperBound,
                end: Self.textColumns.upperBound + 1, random: &random)
            line += 30
        }
        return canvas.image
    }
}

import Foundation
import ImagePipeline
import Testing

/// The outline step on `Jobs_ladeado.jpg` as other photographers might have taken it: turned a quarter or a half,
/// mirrored, darker, or at a third of the size. Each time u2netp keeps the portrait and the step returns the whole
/// book, so the step's thresholds depend neither on the photo's orientation nor on its size or exposure.
@Suite("Book outline: the same book turned, mirrored, darker or smaller")
struct OutlineInvarianceTests {
    /// A way the photo might have been taken.
    enum Variant: String, CaseIterable, Sendable {
        case thirdSize = "a third of the size"
        case quarterTurn = "turned a quarter"
        case halfTurn = "turned half round"
        case mirrored
        case darker = "at 60 % of its brightness"
    }

    /// The photo at a third of its size (1,008 × 1,344), the base of every variant, and the book's outline on it.
    static func base() throws -> (image: RGBImage, book: [SIMD2<Double>]) {
        let photo = Fixtures.shared.appendingPathComponent("fixtures/books/Jobs_ladeado.jpg")
        let upright = try ImageDecoder().decode(Fixtures.bytes(photo)).image
        let smaller = try ImageEncoder().thumbnail(upright, fitting: upright.height / 3, as: .png)
        let image = try ImageDecoder().decode(smaller).image
        let scale = Double(image.width) / Double(upright.width)
        return (image, BookOutlineTests.jobsBook.corners.map { $0 * scale })
    }

    /// `image` and `book` taken as `variant` says.
    static func taken(_ variant: Variant, image: RGBImage, book: [SIMD2<Double>]) -> (RGBImage, [SIMD2<Double>]) {
        let (width, height) = (image.width, image.height)
        func pixel(_ x: Int, _ y: Int) -> ArraySlice<UInt8> { image.pixels[((y * width + x) * 3)..<((y * width + x) * 3 + 3)] }
        switch variant {
        case .thirdSize:
            return (image, book)
        case .quarterTurn:
            let pixels = (0..<(width * height)).flatMap { index in pixel(index / height, height - 1 - index % height) }
            return (
                RGBImage(width: height, height: width, pixels: pixels),
                book.map { SIMD2(Double(height) - $0.y, $0.x) }
            )
        case .halfTurn:
            let pixels = (0..<(width * height)).flatMap { index in
                pixel(width - 1 - index % width, height - 1 - index / width)
            }
            return (
                RGBImage(width: width, height: height, pixels: pixels),
                book.map { SIMD2(Double(width) - $0.x, Double(height) - $0.y) }
            )
        case .mirrored:
            let pixels = (0..<(width * height)).flatMap { index in pixel(width - 1 - index % width, index / width) }
            return (RGBImage(width: width, height: height, pixels: pixels), book.map { SIMD2(Double(width) - $0.x, $0.y) })
        case .darker:
            let pixels = image.pixels.map { UInt8((Double($0) * 0.6).rounded()) }
            return (RGBImage(width: width, height: height, pixels: pixels), book)
        }
    }

    @Test("u2netp keeps the portrait; the step returns the whole book", arguments: Variant.allCases)
    func wholeBook(variant: Variant) throws {
        let (base, baseBook) = try Self.base()
        let (image, corners) = Self.taken(variant, image: base, book: baseBook)
        let book = Quadrilateral(corners)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: false)], maskOnly: true))
        let result = processor.process(try Fixtures.png(image), input: variant.rawValue)
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let outline = try #require(result.report.bookOutline)
        let iou = OutlineGeometry.iou(try #require(result.maskPixels), book)
        print("Jobs_ladeado.jpg \(variant.rawValue): IoU with the book \(iou); \(outline)")
        #expect(outline.outcome == .applied && outline.fillsFrame == nil)
        #expect(outline.shapeScoreBefore < 0.9)
        #expect(iou >= 0.95)
    }
}

import Foundation
import ImagePipeline
import Testing

/// The book-shape score as a quality signal on the real book photos: u2netp picks the face on the cover of
/// Jobs_ladeado.jpg instead of the book, and a shape floor of 0.9 notices; the two real book masks pass it. The
/// book-outline step is off here: these tests are of the gate alone.
@Suite("Book-shape quality gate")
struct BookShapeTests {
    static let gate = QualityGate(minimumShapeScore: 0.9)

    private func report(_ name: String) throws -> PhotoReport {
        let photo = try #require(Fixtures.parityPhotos.first { $0.photo.lastPathComponent == name }).photo
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(
                attempts: [Attempt(model: "u2netp", refine: false)], gate: Self.gate, bookOutline: nil, maskOnly: true))
        return processor.process(try Fixtures.bytes(photo), input: name).report
    }

    @Test("the face picked on Jobs_ladeado.jpg is rejected as not book-shaped")
    func faceRejected() throws {
        let result = try report("Jobs_ladeado.jpg")
        #expect(result.status == "failed")
        #expect(result.attempts.first?.reason == "not_book_shaped")
        #expect((result.attempts.first?.shapeScore ?? 1) < 0.9)
    }

    @Test("real book masks pass the shape floor", arguments: ["book1.jpg", "fortSolitude.png"])
    func booksAccepted(name: String) throws {
        let result = try report(name)
        #expect(result.status == "ok")
        #expect((result.shapeScore ?? 0) >= 0.95)
    }

    @Test("the gate uses a score measured already instead of measuring again, and measures one itself otherwise")
    func measuredScore() {
        var pixels = [UInt8](repeating: 0, count: 300 * 200)
        for y in 20..<180 {
            for x in 30..<270 { pixels[y * 300 + x] = 255 }
        }
        let rectangle = GrayImage(width: 300, height: 200, pixels: pixels)
        let given = Self.gate.inspect(rectangle, shapeScore: 0.5)
        #expect(given.measurement.shapeScore == 0.5)
        #expect(given.rejection == .notBookShaped(score: 0.5, minimum: 0.9))
        let measured = Self.gate.inspect(rectangle)
        #expect(measured.measurement.shapeScore == ShapeScore.score(rectangle, threshold: 128))
        #expect(measured.rejection == nil)
        let empty = GrayImage(width: 300, height: 200, pixels: [UInt8](repeating: 0, count: 300 * 200))
        let nothing = Self.gate.inspect(empty, shapeScore: 0.7)
        #expect(nothing.measurement.shapeScore == 0 && nothing.rejection == .noSubject)
    }

    @Test("a rectangle scores 1 and an L shape clearly lower")
    func syntheticShapes() {
        var rectangle = [UInt8](repeating: 0, count: 300 * 200)
        var ell = rectangle
        for y in 20..<180 {
            for x in 30..<270 { rectangle[y * 300 + x] = 255 }
            for x in 30..<(y < 100 ? 270 : 100) { ell[y * 300 + x] = 255 }
        }
        let rectangleScore = ShapeScore.score(GrayImage(width: 300, height: 200, pixels: rectangle), threshold: 128)
        let ellScore = ShapeScore.score(GrayImage(width: 300, height: 200, pixels: ell), threshold: 128)
        #expect(rectangleScore > 0.99)
        #expect(ellScore < 0.85)
    }
}

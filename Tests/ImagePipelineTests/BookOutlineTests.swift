import Foundation
import ImagePipeline
import Testing

/// The book-outline step: on Jobs_ladeado.jpg both models keep the portrait printed on the cover, and the step
/// returns the whole book; a cover in perspective with a figure printed on it is recovered from the figure's
/// mask; a mask that holds the cover and more beside it is kept, as it may be several books; where no outline
/// exists the model's mask is kept and the report says `not_found`.
@Suite("Book outline: the whole book instead of the picture on its cover")
struct BookOutlineTests {
    /// The book in Jobs_ladeado.jpg, annotated by hand on the upright 3,024 × 4,032 photo from 2× crops of each
    /// corner (the dog-eared top right taken at its tip).
    static let jobsBook = Quadrilateral([
        SIMD2(211, 506), SIMD2(2276, 108), SIMD2(2535, 3860), SIMD2(224, 3705),
    ])

    /// The mask-only result of `photo` with `model` alone (no refinement), the outline step as `finder` says.
    func process(_ photo: URL, model: String, sessions: ModelSessions, finder: BookOutlineFinder?) throws
        -> (mask: GrayImage, report: PhotoReport)
    {
        let processor = PhotoProcessor(
            segmenters: sessions,
            options: ProcessingOptions(
                attempts: [Attempt(model: model, refine: false)], bookOutline: finder, maskOnly: true))
        let result = processor.process(try Fixtures.bytes(photo), input: photo.lastPathComponent)
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        return (try #require(result.maskPixels), result.report)
    }

    @Test(
        "Jobs_ladeado.jpg: the model keeps the portrait, the outline step returns the whole book",
        arguments: ["u2net", "u2netp"])
    func wholeBook(model: String) throws {
        let photo = Fixtures.shared.appendingPathComponent("fixtures/books/Jobs_ladeado.jpg")
        let sessions = model == "u2net" ? Fixtures.installedSessions : Fixtures.sessions
        let alone = try process(photo, model: model, sessions: sessions, finder: nil)
        let outlined = try process(photo, model: model, sessions: sessions, finder: BookOutlineFinder())
        let before = OutlineGeometry.iou(alone.mask, Self.jobsBook)
        let after = OutlineGeometry.iou(outlined.mask, Self.jobsBook)
        print("book outline \(model) Jobs_ladeado.jpg: IoU with the book \(before) alone, \(after) outlined; \(String(describing: outlined.report.bookOutline))")
        #expect(before < 0.8, "the model alone was expected to keep only the portrait")
        let outline = try #require(outlined.report.bookOutline)
        #expect(outline.outcome == .applied)
        #expect(outline.shapeScoreBefore < 0.9 && outline.shapeScoreAfter > 0.97)
        #expect(outline.corners?.count == 4 && outline.sideSupport?.count == 4)
        #expect(after >= 0.95)
        #expect(outlined.report.shapeScore == outline.shapeScoreAfter)
    }

    @Test(
        "the gate's score is the outline step's for the mask it returned, and measured anew on a refined mask",
        arguments: ["books/Jobs_ladeado.jpg", "rembg/inputs/car-1.jpg"], [false, true])
    func gateScoreOfTheGatedMask(photo: String, refine: Bool) throws {
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: refine)], maskOnly: true))
        let result = processor.process(try Fixtures.bytes(Fixtures.shared.appendingPathComponent("fixtures/\(photo)")))
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let mask = try #require(result.maskPixels)
        let attempt = try #require(result.report.attempts.first)
        let outline = try #require(attempt.bookOutline)
        #expect(attempt.shapeScore == ShapeScore.score(mask, threshold: 128))
        #expect(outline.shapeScoreAfter == attempt.shapeScore)
        if !refine && outline.outcome != .applied {
            #expect(outline.shapeScoreBefore == attempt.shapeScore)
        }
    }

    @Test(
        "a cover in perspective on a wood-grain desk is recovered from the mask of the figure printed on it",
        arguments: SyntheticCover.covers)
    func syntheticCover(_ cover: SyntheticCover) throws {
        let (image, figure) = cover.render()
        guard let found = BookOutlineFinder().find(in: image, mask: figure) else {
            Issue.record("no outline found for \(cover.name)")
            return
        }
        let tolerance = 0.01 * Double(max(image.width, image.height))
        for (corner, truth) in zip(found.quadrilateral.corners, Quadrilateral(cover.corners).corners) {
            let error = ((corner.x - truth.x) * (corner.x - truth.x) + (corner.y - truth.y) * (corner.y - truth.y)).squareRoot()
            #expect(error <= tolerance, "corner \(corner) is \(error) px from \(truth)")
        }
        #expect(found.containment >= 0.99)
        #expect(found.sideSupport.allSatisfy { $0 >= 0.8 }, "\(found.sideSupport)")
    }

    @Test(
        "a mask that holds the whole cover and a patch beside it is kept: the patch may be a second book",
        arguments: SyntheticCover.covers)
    func coverAndMore(_ cover: SyntheticCover) {
        let (image, _) = cover.render()
        let book = Quadrilateral(cover.corners)
        var mask = cover.coverMask()
        let rightmost = book.corners.max { $0.x < $1.x }!
        let patchCentre = SIMD2(rightmost.x, book.corners.reduce(0) { $0 + $1.y } / 4)
        let radii = SIMD2(0.12 * Double(image.width), 0.25 * Double(image.height))
        for y in 0..<image.height {
            for x in 0..<image.width {
                let offset = (SIMD2(Double(x) + 0.5, Double(y) + 0.5) - patchCentre) / radii
                if offset.x * offset.x + offset.y * offset.y <= 1 { mask.pixels[y * image.width + x] = 255 }
            }
        }
        let found = BookOutlineFinder().find(in: image, mask: mask)
        #expect(found == nil || found!.containment >= 0.9, "cut back to \(String(describing: found?.quadrilateral.corners))")
    }

    @Test("a large cover and a smaller book beside it under one mask: the smaller book is a second book, not cut away")
    func smallerSecondBookUnderOneMask() {
        let (photo, mask) = Self.coverAndSecondBook(columns: 420..<560, rows: 160..<310)
        let found = BookOutlineFinder().find(in: photo, mask: mask)
        #expect(found == nil || found!.containment >= 0.9, "cut to one book: \(String(describing: found?.quadrilateral.corners))")
    }

    @Test("two covers side by side under one mask: neither is taken for the whole")
    func twoBooksUnderOneMask() {
        let (photo, mask) = Self.coverAndSecondBook(columns: 440..<740, rows: 100..<500)
        let found = BookOutlineFinder().find(in: photo, mask: mask)
        #expect(found == nil || found!.containment >= 0.9, "took one cover: \(String(describing: found?.quadrilateral.corners))")
    }

    /// A synthetic cover at (60, 100)–(360, 500) of an 800 × 600 photo with a plain blue book at `columns` ×
    /// `rows` beside it, and one mask over both, as a model that keeps both books returns it.
    static func coverAndSecondBook(columns: Range<Int>, rows: Range<Int>) -> (photo: RGBImage, mask: GrayImage) {
        let cover = SyntheticCover(
            name: "cover and a second book", corners: [SIMD2(60, 100), SIMD2(360, 100), SIMD2(360, 500), SIMD2(60, 500)],
            width: 800, height: 600)
        let (image, _) = cover.render()
        var pixels = image.pixels
        for y in rows {
            for x in columns {
                let index = (y * image.width + x) * 3
                (pixels[index], pixels[index + 1], pixels[index + 2]) = (70, 110, 160)
            }
        }
        let second = Quadrilateral([
            SIMD2(Double(columns.lowerBound), Double(rows.lowerBound)), SIMD2(Double(columns.upperBound), Double(rows.lowerBound)),
            SIMD2(Double(columns.upperBound), Double(rows.upperBound)), SIMD2(Double(columns.lowerBound), Double(rows.upperBound)),
        ])
        var mask = cover.coverMask()
        let other = BookOutlineFinder.mask(of: second, width: image.width, height: image.height)
        mask.pixels = zip(mask.pixels, other.pixels).map { max($0, $1) }
        return (RGBImage(width: image.width, height: image.height, pixels: pixels), mask)
    }

    @Test("a figure on the desk with no book around it: no outline")
    func noBookAround() {
        let (image, figure) = SyntheticCover(name: "none", corners: [], width: 800, height: 600).render()
        let found = BookOutlineFinder().find(in: image, mask: figure)
        #expect(found == nil, "found \(String(describing: found?.quadrilateral.corners))")
    }

    @Test("rembg's sample photos keep the model's mask byte for byte", arguments: Fixtures.rembgPhotoNames)
    func rembgPhotosUnchanged(name: String) throws {
        let photo = Fixtures.shared.appendingPathComponent("fixtures/rembg/inputs/\(name)")
        let alone = try process(photo, model: "u2netp", sessions: Fixtures.sessions, finder: nil)
        let outlined = try process(photo, model: "u2netp", sessions: Fixtures.sessions, finder: BookOutlineFinder())
        let outcome = try #require(outlined.report.bookOutline?.outcome)
        print("book outline u2netp \(name): \(outcome)")
        #expect(outcome == .notNeeded || outcome == .notFound)
        #expect(outlined.mask.pixels == alone.mask.pixels)
    }

    @Test("the outline's mask matches the signed distance to its sides pixel by pixel", arguments: [0, 1, 2, 3])
    func maskMatchesDistance(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 1)
        let width = 97
        let height = 61
        let centre = SIMD2(Double(width) / 2, Double(height) / 2)
        let corners = (0..<4).map { index -> SIMD2<Double> in
            let angle = Double(index) * .pi / 2 + random.next(in: -0.5...0.5)
            let radius = random.next(in: 20...60)
            return centre + SIMD2(cos(angle) * radius, sin(angle) * radius * 0.7)
        }
        let shape = Quadrilateral(corners)
        let mask = BookOutlineFinder.mask(of: shape, width: width, height: height)
        var worst = 0
        for y in 0..<height {
            for x in 0..<width {
                let distance = shape.signedDistance(SIMD2(Double(x) + 0.5, Double(y) + 0.5))
                let expected = Int((min(1, max(0, distance + 0.5)) * 255).rounded())
                worst = max(worst, abs(expected - Int(mask.pixels[y * width + x])))
            }
        }
        #expect(worst <= 1)
    }
}

/// Geometry the outline tests measure with.
enum OutlineGeometry {
    /// Intersection over union of the mask's pixels at or above 128 and the inside of `polygon`, sampled every
    /// fourth pixel each way.
    static func iou(_ mask: GrayImage, _ polygon: Quadrilateral) -> Double {
        var both = 0
        var either = 0
        for y in stride(from: 0, to: mask.height, by: 4) {
            for x in stride(from: 0, to: mask.width, by: 4) {
                let inMask = mask.pixels[y * mask.width + x] >= 128
                let inPolygon = polygon.signedDistance(SIMD2(Double(x) + 0.5, Double(y) + 0.5)) >= 0
                if inMask && inPolygon { both += 1 }
                if inMask || inPolygon { either += 1 }
            }
        }
        return either == 0 ? 0 : Double(both) / Double(either)
    }
}

/// A reproducible stream of numbers for synthetic photos.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next number in `range`.
    mutating func next(in range: ClosedRange<Double>) -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let unit = Double(state >> 11) / Double(1 << 53)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }
}

/// A synthetic photo: a cream cover with `corners` (none: no book) on a wood-grain desk, and a dark figure —
/// a head and shoulders — printed on it, whose mask is what a model that picks the picture would return.
struct SyntheticCover: Sendable, CustomTestStringConvertible {
    let name: String
    let corners: [SIMD2<Double>]
    let width: Int
    let height: Int

    var testDescription: String { name }

    static let covers = [
        SyntheticCover(
            name: "upright cover in perspective", corners: [SIMD2(150, 80), SIMD2(620, 120), SIMD2(600, 540), SIMD2(120, 500)],
            width: 800, height: 600),
        SyntheticCover(
            name: "tilted cover, portrait frame", corners: [SIMD2(200, 150), SIMD2(520, 90), SIMD2(610, 700), SIMD2(250, 760)],
            width: 720, height: 900),
        SyntheticCover(
            name: "cover seen from low, strong perspective", corners: [SIMD2(260, 60), SIMD2(560, 60), SIMD2(700, 560), SIMD2(110, 560)],
            width: 800, height: 620),
    ]

    /// The mask of the whole cover, as a model that had the book right would return it.
    func coverMask() -> GrayImage {
        BookOutlineFinder.mask(of: Quadrilateral(corners), width: width, height: height)
    }

    /// The photo and the figure's mask.
    func render() -> (RGBImage, GrayImage) {
        var random = SeededRandom(seed: 7)
        var image = RGBImage(width: width, height: height, filledWith: RGBColour(red: 0, green: 0, blue: 0))
        var mask = GrayImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height))
        let cover = corners.isEmpty ? nil : Quadrilateral(corners)
        let centre = cover.map { $0.corners.reduce(SIMD2<Double>.zero, +) / 4 } ?? SIMD2(Double(width) / 2, Double(height) / 2)
        let size = cover.map { $0.area.squareRoot() } ?? 300
        let grainPhase = (0..<height).map { _ in random.next(in: 0...0.6) }
        for y in 0..<height {
            for x in 0..<width {
                let point = SIMD2(Double(x) + 0.5, Double(y) + 0.5)
                let noise = random.next(in: -10...10)
                var colour: SIMD3<Double>
                if let cover, cover.signedDistance(point) >= 0 {
                    colour = SIMD3(232, 222, 200) + noise / 2
                } else {
                    let grain = 18 * sin(Double(y) * 0.21 + grainPhase[y] + sin(Double(x) * 0.013) * 2)
                    colour = SIMD3(168, 108, 58) + grain + noise
                }
                let head = (point - (centre - SIMD2(0, 0.12 * size))) / SIMD2(0.13 * size, 0.17 * size)
                let shoulders = point - (centre + SIMD2(0, 0.12 * size))
                let inHead = head.x * head.x + head.y * head.y <= 1
                let inShoulders = shoulders.y >= 0 && shoulders.y <= 0.22 * size
                    && abs(shoulders.x) <= 0.16 * size + shoulders.y * 0.8
                if inHead || inShoulders {
                    colour = SIMD3(52, 46, 42) + noise
                    mask.pixels[y * width + x] = 255
                }
                let index = (y * width + x) * 3
                image.pixels[index] = UInt8(max(0, min(255, colour.x.rounded())))
                image.pixels[index + 1] = UInt8(max(0, min(255, colour.y.rounded())))
                image.pixels[index + 2] = UInt8(max(0, min(255, colour.z.rounded())))
            }
        }
        return (image, mask)
    }
}

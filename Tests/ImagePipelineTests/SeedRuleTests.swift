import Foundation
import ImagePipeline
import Testing

/// The seed service's rules: brightness, subject size, size limits and the attempt fall-through.
@Suite("Seed rules")
struct SeedRuleTests {
    private func uniform(_ value: UInt8, width: Int = 50, height: Int = 50) -> RGBImage {
        RGBImage(width: width, height: height, filledWith: RGBColour(red: value, green: value, blue: value))
    }

    @Test("brightness 100 puts the book on black")
    func darkBookOnBlack() {
        let mask = GrayImage(width: 50, height: 50, pixels: [UInt8](repeating: 255, count: 2500))
        let brightness = Brightness.subjectBrightness(image: uniform(100), mask: mask)
        #expect(abs(brightness - 100) < 0.01)
        #expect(Brightness.background(forBrightness: brightness) == .black)
    }

    @Test("brightness 200 puts the book on white")
    func lightBookOnWhite() {
        let mask = GrayImage(width: 50, height: 50, pixels: [UInt8](repeating: 1, count: 2500))
        let brightness = Brightness.subjectBrightness(image: uniform(200), mask: mask)
        #expect(abs(brightness - 200) < 0.01)
        #expect(Brightness.background(forBrightness: brightness) == .white)
    }

    @Test("no opaque pixel gives 128, which is white")
    func noSubjectIsNeutral() {
        let mask = GrayImage(width: 50, height: 50, pixels: [UInt8](repeating: 0, count: 2500))
        #expect(Brightness.subjectBrightness(image: uniform(10), mask: mask) == 128)
        #expect(Brightness.background(forBrightness: 128) == .white)
        #expect(Brightness.background(forBrightness: 127.99) == .black)
    }

    @Test("only pixels with alpha above zero count, with the 0.299/0.587/0.114 weights")
    func weightsAndAlpha() {
        var image = RGBImage(width: 2, height: 1, pixels: [255, 0, 0, 0, 0, 255])
        image.pixels[3] = 0
        let mask = GrayImage(width: 2, height: 1, pixels: [10, 0])
        #expect(abs(Brightness.subjectBrightness(image: image, mask: mask) - 0.299 * 255) < 1e-9)
    }

    @Test("the brightness sums are exact, on rows shorter and longer than the C loop's 65,536-pixel spans")
    func exactSums() {
        for (width, height) in [(1, 3), (37, 5), (65_535, 1), (65_536, 2), (65_537, 1), (131_073, 1)] {
            let count = width * height
            let pixels = (0..<(count * 3)).map { UInt8(truncatingIfNeeded: fixedScatter($0, 7)) }
            let alphas = (0..<count).map { $0 % 3 == 1 ? 0 : UInt8(1 + abs(fixedScatter($0, 5)) % 255) }
            var sums = [0, 0, 0]
            var opaque = 0
            for index in 0..<count where alphas[index] > 0 {
                for channel in 0..<3 { sums[channel] += Int(pixels[index * 3 + channel]) }
                opaque += 1
            }
            let expected = (0.299 * Double(sums[0]) + 0.587 * Double(sums[1]) + 0.114 * Double(sums[2])) / Double(opaque)
            let image = RGBImage(width: width, height: height, pixels: pixels)
            let brightness = Brightness.subjectBrightness(
                image: image, mask: GrayImage(width: width, height: height, pixels: alphas))
            #expect(brightness == expected, "\(width)×\(height)")
        }
    }

    private func mask(subjectWidth: Int, subjectHeight: Int) -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: 400 * 300)
        for y in 20..<(20 + subjectHeight) {
            for x in 30..<(30 + subjectWidth) { pixels[y * 400 + x] = 255 }
        }
        return GrayImage(width: 400, height: 300, pixels: pixels)
    }

    @Test("a subject 99 px wide is refused")
    func ninetyNineRefused() {
        let inspection = QualityGate().inspect(mask(subjectWidth: 99, subjectHeight: 200))
        #expect(inspection.rejection == .subjectTooSmall(width: 99, height: 200, minimum: 100))
    }

    @Test("a subject 100 px wide and high is accepted")
    func hundredAccepted() {
        let inspection = QualityGate().inspect(mask(subjectWidth: 100, subjectHeight: 100))
        #expect(inspection.rejection == nil)
        #expect(inspection.measurement.box == SubjectBox(x: 30, y: 20, width: 100, height: 100))
    }

    @Test("an empty mask has no subject")
    func emptyMask() {
        #expect(QualityGate().inspect(mask(subjectWidth: 0, subjectHeight: 0)).rejection == .noSubject)
    }

    @Test("a 4,097 px side is refused by default before decoding")
    func oversizeRefused() throws {
        let photo = try Fixtures.png(RGBImage(width: 4097, height: 8, filledWith: .white))
        #expect(throws: ImageError.dimensionsTooLarge(width: 4097, height: 8, maxSide: 4096, maxMegapixels: 40)) {
            try ImageDecoder().decode(photo)
        }
    }

    @Test("a 4,097 px side is shrunk to 4,096 with the shrink policy")
    func oversizeShrunk() throws {
        let photo = try Fixtures.png(RGBImage(width: 4097, height: 40, filledWith: .white))
        let decoded = try ImageDecoder(limits: ImageLimits(oversize: .shrink)).decode(photo)
        #expect(decoded.image.width == 4096)
        #expect(decoded.shrunk)
    }

    @Test("a 4,096 px side is accepted as it is")
    func limitAccepted() throws {
        let photo = try Fixtures.png(RGBImage(width: 4096, height: 8, filledWith: .white))
        let decoded = try ImageDecoder().decode(photo)
        #expect(decoded.image.width == 4096 && !decoded.shrunk)
    }

    @Test("a missing model is skipped with its reason and the next attempt is used")
    func fallThroughMissingModel() throws {
        let photo = try Fixtures.bytes(Fixtures.parityPhotos[5].photo)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [
                Attempt(model: "u2net", refine: true), Attempt(model: "u2net", refine: true),
                Attempt(model: "u2netp", refine: true),
            ]))
        let report = processor.process(photo).report
        #expect(report.status == "ok")
        #expect(report.modelUsed == "u2netp")
        #expect(report.attempts.map(\.outcome) == ["skipped", "skipped", "accepted"])
        #expect(report.attempts[0].reason == "model_missing")
    }

    @Test("a rejected attempt falls through; when all fail the photo fails with every reason")
    func fallThroughRejected() throws {
        let photo = try Fixtures.bytes(Fixtures.parityPhotos[5].photo)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(
                attempts: [Attempt(model: "u2netp", refine: false), Attempt(model: "u2netp", refine: true)],
                gate: QualityGate(minimumSubjectSide: 5000)))
        let report = processor.process(photo).report
        #expect(report.status == "failed")
        #expect(report.error?.code == "no_acceptable_attempt")
        #expect(report.attempts.map(\.outcome) == ["rejected", "rejected"])
        #expect(report.attempts.allSatisfy { $0.reason == "subject_too_small" })
    }

    @Test("the book is composed on white, with a 300 px JPEG thumbnail")
    func composedOutput() throws {
        let photo = try Fixtures.bytes(Fixtures.parityPhotos[5].photo)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions, options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: true)]))
        let result = processor.process(photo)
        #expect(result.report.status == "ok")
        let image = try #require(result.image)
        let thumbnail = try #require(result.thumbnail)
        let header = try ImageHeader.read(image)
        #expect(header.loader.hasPrefix("pngload") && header.bands == 3)
        let thumbnailHeader = try ImageHeader.read(thumbnail)
        #expect(thumbnailHeader.loader.hasPrefix("jpegload"))
        #expect(max(thumbnailHeader.width, thumbnailHeader.height) == 300)
        #expect(result.report.background == "white" || result.report.background == "black")
    }
}

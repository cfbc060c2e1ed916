import Foundation
import ImagePipeline
import Testing

/// Edge refinement: a mask whose edge the model left blurred is pulled back to the photo's sharp edge, a defocused
/// edge's soft alpha is recovered from the photo's colours, masks with nothing to solve pass through, and a refined
/// mask the gate refuses gives way to the unrefined one it accepts.
@Suite("Edge refinement")
struct EdgeRefinementTests {
    /// A photo of a vertical book edge, `alpha(x)` of the book's colour over the background's in every row, with
    /// the model's mask `mask(x)`; returns the photo, the mask and the true alpha.
    static func verticalEdge(
        width: Int, height: Int, book: [Double], background: [Double], alpha: (Int) -> Double, mask: (Int) -> UInt8
    ) -> (image: RGBImage, mask: GrayImage, truth: [Double]) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var maskPixels = [UInt8](repeating: 0, count: width * height)
        var truth = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                for channel in 0..<3 {
                    pixels[index * 3 + channel] = UInt8(
                        (alpha(x) * book[channel] + (1 - alpha(x)) * background[channel]).rounded())
                }
                truth[index] = alpha(x)
                maskPixels[index] = mask(x)
            }
        }
        return (
            RGBImage(width: width, height: height, pixels: pixels), GrayImage(width: width, height: height, pixels: maskPixels),
            truth
        )
    }

    /// A 300×200 photo, light book left of x = 150 on a dark green background, and a mask that fades from 255 to 0
    /// over x = 142…158 instead of stepping at 150 (a blur about as wide as the filter's window).
    static func scene() -> (image: RGBImage, mask: GrayImage, truth: [UInt8]) {
        let edge = verticalEdge(
            width: 300, height: 200, book: [210, 190, 160], background: [30, 70, 40], alpha: { $0 < 150 ? 1 : 0 },
            mask: { UInt8(min(max(Double(158 - $0) / 16, 0), 1) * 255) })
        return (edge.image, edge.mask, edge.truth.map { $0 == 1 ? 255 : 0 })
    }

    static func bandError(_ mask: [UInt8], truth: [UInt8]) -> Double {
        var total = 0
        var count = 0
        for index in truth.indices where (140..<160).contains(index % 300) {
            total += abs(Int(mask[index]) - Int(truth[index]))
            count += 1
        }
        return Double(total) / Double(count)
    }

    /// The largest change between neighbouring pixels along row 100, and where it happens (between x and x + 1).
    static func steepestStep(_ mask: [UInt8]) -> (x: Int, size: Int) {
        let row = Array(mask[(100 * 300)..<(101 * 300)])
        let steps = (0..<299).map { abs(Int(row[$0 + 1]) - Int(row[$0])) }
        let size = steps.max() ?? 0
        return (steps.firstIndex(of: size) ?? 0, size)
    }

    @Test("the mask's transition snaps to the photo's edge")
    func snapsToTheGuide() {
        let (image, mask, truth) = Self.scene()
        let refined = EdgeRefinement().refine(mask: mask, guide: image)
        let before = Self.steepestStep(mask.pixels)
        let after = Self.steepestStep(refined.pixels)
        print("edge refinement: steepest step \(before) → \(after); band error \(Self.bandError(mask.pixels, truth: truth)) → \(Self.bandError(refined.pixels, truth: truth))")
        #expect(refined.width == image.width && refined.height == image.height)
        #expect(before.size <= 16)
        #expect(after.x == 149)
        #expect(after.size >= 64)
        #expect(Self.bandError(refined.pixels, truth: truth) < Self.bandError(mask.pixels, truth: truth))
    }

    @Test("a mask that already follows the photo's edge stays where it is")
    func keepsAnAlignedMask() {
        let (image, _, truth) = Self.scene()
        let refined = EdgeRefinement().refine(mask: GrayImage(width: 300, height: 200, pixels: truth), guide: image)
        #expect(Self.bandError(refined.pixels, truth: truth) < 8)
    }

    @Test("a defocused edge: the refined soft alpha is closer to the true one than the model's blurrier, shifted mask")
    func softEdge() {
        let (image, mask, truth) = Self.verticalEdge(
            width: 400, height: 300, book: [200, 60, 50], background: [40, 90, 160],
            alpha: { min(max(Double(203 - $0) / 6, 0), 1) },
            mask: { UInt8((min(max(Double(214 - $0) / 24, 0), 1) * 255).rounded()) })
        let refined = EdgeRefinement().refine(mask: mask, guide: image)
        func error(_ values: [UInt8]) -> Double {
            zip(values, truth).map { abs(Double($0) / 255 - $1) }.reduce(0, +) / Double(truth.count)
        }
        print("edge refinement, defocused edge: mean absolute error \(error(mask.pixels)) → \(error(refined.pixels))")
        #expect(error(refined.pixels) < error(mask.pixels) * 0.25)
    }

    @Test(
        "when no attempt passes, a refined mask the gate refused gives way to the unrefined one it accepts; a later attempt that passes comes first"
    )
    func refinementNeverLosesAPhoto() throws {
        let photo = try Fixtures.bytes(Fixtures.shared.appendingPathComponent("fixtures/rembg/inputs/cloth-1.jpg"))
        func process(_ attempts: [Attempt], floor: Int) -> ProcessedPhoto {
            PhotoProcessor(
                segmenters: Fixtures.sessions,
                options: ProcessingOptions(attempts: attempts, gate: QualityGate(minimumSubjectSide: floor), maskOnly: true)
            ).process(photo)
        }
        func process(refine: Bool, floor: Int) -> ProcessedPhoto {
            process([Attempt(model: "u2netp", refine: refine)], floor: floor)
        }
        func shortSide(_ result: ProcessedPhoto) throws -> Int {
            let box = try #require(result.report.subjectBox)
            return min(box.width, box.height)
        }
        let plain = process(refine: false, floor: 100)
        let refined = process(refine: true, floor: 100)
        let (plainSide, refinedSide) = (try shortSide(plain), try shortSide(refined))
        try #require(refinedSide < plainSide, "refinement no longer narrows cloth-1's subject (\(refinedSide) ≥ \(plainSide))")
        let undone = process(refine: true, floor: plainSide)
        print("refinement undone at a \(plainSide)-px floor: \(undone.report.attempts)")
        #expect(undone.report.status == "ok")
        #expect(try #require(undone.maskPixels).pixels == (try #require(plain.maskPixels)).pixels)
        let attempt = try #require(undone.report.attempts.first)
        #expect(attempt.outcome == "accepted" && !attempt.refined && attempt.reason == nil)
        #expect(attempt.message?.contains("refinement was undone") == true)
        #expect(undone.report.subjectBox.map { min($0.width, $0.height) } == plainSide)
        let laterFirst = process(
            [Attempt(model: "u2netp", refine: true), Attempt(model: "u2netp", refine: false)], floor: plainSide)
        #expect(laterFirst.report.status == "ok")
        #expect(laterFirst.report.attempts.map(\.outcome) == ["rejected", "accepted"])
        #expect(laterFirst.report.attempts.last?.message == nil)
        let floorAboveBoth = process(refine: true, floor: plainSide + 1)
        #expect(floorAboveBoth.report.status != "ok")
    }

    @Test("masks with nothing to solve or nothing known: empty, full, undecided everywhere, a tiny photo")
    func degenerateMasks() {
        let (image, _, _) = Self.scene()
        for value in [UInt8(0), 255] {
            let mask = GrayImage(width: 300, height: 200, pixels: [UInt8](repeating: value, count: 300 * 200))
            #expect(EdgeRefinement().refine(mask: mask, guide: image).pixels == mask.pixels)
        }
        let halves: [UInt8] = (0..<(60 * 40)).flatMap { index -> [UInt8] in index % 60 < 30 ? [210, 190, 160] : [30, 70, 40] }
        let undecided = GrayImage(width: 60, height: 40, pixels: [UInt8](repeating: 128, count: 60 * 40))
        let refined = EdgeRefinement().refine(mask: undecided, guide: RGBImage(width: 60, height: 40, pixels: halves))
        #expect(refined.width == 60 && refined.height == 40 && refined.pixels.count == 60 * 40)
        let tiny = RGBImage(width: 2, height: 1, pixels: [200, 10, 10, 10, 10, 200])
        let tinyMask = GrayImage(width: 2, height: 1, pixels: [255, 0])
        #expect(EdgeRefinement().refine(mask: tinyMask, guide: tiny).pixels == [255, 0])
    }
}

import Foundation
import ImagePipeline
import Testing

/// Our `u2netp` masks against rembg 2.0.86's masks made with the same model file.
@Suite("Parity with rembg")
struct ParityTests {
    static let photos = Fixtures.parityPhotos.map { $0.photo.lastPathComponent }

    @Test("mask matches rembg's reference", arguments: photos)
    func maskMatchesReference(name: String) throws {
        let pair = try #require(Fixtures.parityPhotos.first { $0.photo.lastPathComponent == name })
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: false)], maskOnly: true))
        let result = processor.process(try Fixtures.bytes(pair.photo), input: name)
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        let ours = try #require(result.maskPixels)
        let reference = try ImageDecoder().decode(try Fixtures.bytes(pair.referenceMask)).image
        #expect(ours.width == reference.width && ours.height == reference.height)
        guard ours.width == reference.width, ours.height == reference.height else { return }
        let comparison = MaskComparison(ours: ours, referenceRGB: reference)
        print("parity \(name): IoU \(comparison.iou) mean-abs-diff \(comparison.meanAbsoluteDifference * 255)/255 max-diff \(comparison.maxDifference)")
        #expect(comparison.iou >= 0.99)
        #expect(comparison.meanAbsoluteDifference <= 3.0 / 255)
    }
}

/// IoU at 128 and mean absolute difference between two masks.
struct MaskComparison {
    let iou: Double
    let meanAbsoluteDifference: Double
    let maxDifference: Int

    /// Compares our mask with a reference decoded as RGB (grey replicated in three bands).
    init(ours: GrayImage, referenceRGB: RGBImage) {
        var intersection = 0
        var union = 0
        var total = 0
        var largest = 0
        for index in 0..<ours.pixels.count {
            let a = Int(ours.pixels[index])
            let b = Int(referenceRGB.pixels[index * 3])
            let inA = a >= 128
            let inB = b >= 128
            if inA && inB { intersection += 1 }
            if inA || inB { union += 1 }
            total += abs(a - b)
            largest = max(largest, abs(a - b))
        }
        iou = union == 0 ? 1 : Double(intersection) / Double(union)
        meanAbsoluteDifference = Double(total) / Double(ours.pixels.count) / 255
        maxDifference = largest
    }
}

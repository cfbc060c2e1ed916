import CVipsTestImages
import Foundation
import ImagePipeline
import Testing

/// Our masks against rembg's: `u2netp` against rembg 2.0.86 with the same file (`shared/models/u2netp.onnx`), the
/// official `u2net` against rembg 2.0.86 with that file, and the official `u2netp` against the expected outputs
/// of rembg's own test suite (their alpha).
@Suite("Parity with rembg")
struct ParityTests {
    static let photos = Fixtures.parityPhotos.map { $0.photo.lastPathComponent }

    /// The official files' SHA-256 (shared/models/MODELS.md): the parity below is with these, not a rebuilt copy.
    static let officialSHA256 = [
        "u2net": "8d10d2f3bb75ae3b6d527c77944fc5e7dcd94b29809d47a739a7a728a912b491",
        "u2netp": "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8",
    ]

    /// Our mask-only result for `photo` with `model` from `sessions`, the book-outline step on as by default, and
    /// what that step did.
    func mask(_ photo: URL, model: String, sessions: ModelSessions) throws -> (mask: GrayImage, outline: BookOutlineOutcome?) {
        let processor = PhotoProcessor(
            segmenters: sessions, options: ProcessingOptions(attempts: [Attempt(model: model, refine: false)], maskOnly: true))
        let result = processor.process(try Fixtures.bytes(photo), input: photo.lastPathComponent)
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        return (try #require(result.maskPixels), result.report.bookOutline?.outcome)
    }

    /// Parity where the book-outline step left the model's mask alone; where it applied an outline (only
    /// Jobs_ladeado.jpg, whose mask is the portrait on the cover) the mask is meant to differ and
    /// BookOutlineTests measures it against the book instead.
    func expectParity(
        _ ours: (mask: GrayImage, outline: BookOutlineOutcome?), _ comparison: (GrayImage) -> MaskComparison, _ label: String, photo: String
    ) {
        guard ours.outline != .applied else {
            #expect(photo == "Jobs_ladeado.jpg", "the outline step replaced the model's good mask: \(label)")
            return
        }
        expectParity(comparison(ours.mask), label)
    }

    /// Checks that the installed file of `model` is the official one, so that a missing install fails loudly.
    func requireOfficial(_ model: String) throws {
        let store = ModelStore(directory: Fixtures.installedModels)
        let verification = store.verify(try #require(store.registry.model(named: model)))
        try #require(
            verification.sha256 == Self.officialSHA256[model],
            "the official \(model).onnx is not installed in \(Fixtures.installedModels.path) (scripts/install-models): \(verification.status)")
    }

    func expectParity(_ comparison: MaskComparison, _ label: String) {
        print("parity \(label): IoU \(comparison.iou) mean-abs-diff \(comparison.meanAbsoluteDifference * 255)/255 max-diff \(comparison.maxDifference)")
        #expect(comparison.iou >= 0.99, "\(label)")
        #expect(comparison.meanAbsoluteDifference <= 3.0 / 255, "\(label)")
    }

    @Test("u2netp mask matches rembg's reference made with the same file", arguments: photos)
    func maskMatchesReference(name: String) throws {
        let pair = try #require(Fixtures.parityPhotos.first { $0.photo.lastPathComponent == name })
        let ours = try mask(pair.photo, model: "u2netp", sessions: Fixtures.sessions)
        let reference = try ImageDecoder().decode(try Fixtures.bytes(pair.referenceMask)).image
        try #require(ours.mask.width == reference.width && ours.mask.height == reference.height)
        expectParity(ours, { MaskComparison(ours: $0, referenceRGB: reference) }, "u2netp \(name)", photo: name)
    }

    @Test("the official u2net's mask matches rembg 2.0.86's with that file", arguments: photos)
    func officialU2NetMatchesReference(name: String) throws {
        try requireOfficial("u2net")
        let pair = try #require(Fixtures.parityPhotos("reference-u2net").first { $0.photo.lastPathComponent == name })
        let ours = try mask(pair.photo, model: "u2net", sessions: Fixtures.installedSessions)
        let reference = try ImageDecoder().decode(try Fixtures.bytes(pair.referenceMask)).image
        try #require(ours.mask.width == reference.width && ours.mask.height == reference.height)
        expectParity(ours, { MaskComparison(ours: $0, referenceRGB: reference) }, "u2net \(name)", photo: name)
    }

    @Test("the official u2netp's mask matches the alpha of rembg's own expected output", arguments: Fixtures.rembgPhotoNames)
    func officialU2NetPMatchesRembgExpected(name: String) throws {
        try requireOfficial("u2netp")
        let rembg = Fixtures.shared.appendingPathComponent("fixtures/rembg")
        let ours = try mask(rembg.appendingPathComponent("inputs/\(name)"), model: "u2netp", sessions: Fixtures.installedSessions)
        let expected = try Fixtures.bytes(rembg.appendingPathComponent("expected/\(Fixtures.stem(name)).u2netp.png"))
        let alpha = try Self.alpha(of: expected)
        try #require(ours.mask.width == alpha.width && ours.mask.height == alpha.height)
        expectParity(
            ours, { MaskComparison(ours: $0, reference: alpha.samples) }, "official u2netp \(name)", photo: name)
    }

    /// The alpha band of an RGBA file.
    static func alpha(of file: [UInt8]) throws -> (width: Int, height: Int, samples: [UInt8]) {
        var width: Int32 = 0
        var height: Int32 = 0
        var pixels: UnsafeMutableRawPointer?
        let status = file.withUnsafeBytes { bp_test_alpha_band($0.baseAddress, $0.count, &width, &height, &pixels) }
        try #require(status == 0 && pixels != nil, "the expected output has no alpha band")
        defer { bp_test_free(pixels) }
        let count = Int(width) * Int(height)
        return (Int(width), Int(height), [UInt8](UnsafeRawBufferPointer(start: pixels, count: count)))
    }
}

/// IoU at 128 and mean absolute difference between two masks.
struct MaskComparison {
    let iou: Double
    let meanAbsoluteDifference: Double
    let maxDifference: Int

    /// Compares our mask with a reference decoded as RGB (grey replicated in three bands).
    init(ours: GrayImage, referenceRGB: RGBImage) {
        self.init(ours: ours, reference: stride(from: 0, to: referenceRGB.pixels.count, by: 3).map { referenceRGB.pixels[$0] })
    }

    /// Compares our mask with a reference given as one sample per pixel.
    init(ours: GrayImage, reference: [UInt8]) {
        var intersection = 0
        var union = 0
        var total = 0
        var largest = 0
        for index in 0..<ours.pixels.count {
            let a = Int(ours.pixels[index])
            let b = Int(reference[index])
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

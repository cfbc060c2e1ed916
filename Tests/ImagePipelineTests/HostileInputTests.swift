import CVipsTestImages
import Foundation
import ImagePipeline
import TestSupport
import Testing

/// Corrupt, truncated, empty, oversized and unusual files: each gives its named error or a correct picture.
@Suite("Hostile and unusual files", .timeLimit(.minutes(2)))
struct HostileInputTests {
    private func made(_ maker: (UnsafeMutablePointer<UnsafeMutableRawPointer?>, UnsafeMutablePointer<Int>) -> Int32) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status = maker(&buffer, &length)
        try #require(status == 0 && buffer != nil)
        defer { bp_test_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    private func code(of data: [UInt8], limits: ImageLimits = ImageLimits()) -> String? {
        do {
            _ = try ImageDecoder(limits: limits).decode(data)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("zero bytes")
    func empty() {
        #expect(code(of: []) == "empty_file")
    }

    @Test("a truncated JPEG")
    func truncatedJPEG() throws {
        let jpeg = try Fixtures.bytes(Fixtures.parityPhotos[1].photo)
        #expect(code(of: Array(jpeg.prefix(jpeg.count / 2))) == "corrupt_image")
        #expect(code(of: Array(jpeg.prefix(100))) != nil)
    }

    @Test("a truncated PNG")
    func truncatedPNG() throws {
        let png = try Fixtures.bytes(Fixtures.parityPhotos[6].photo)
        #expect(code(of: Array(png.prefix(png.count / 2))) == "corrupt_image")
    }

    @Test("HTML saved as .jpg")
    func htmlAsJPEG() {
        let html = Array("<!doctype html><html><body>Not a photo</body></html>".utf8)
        #expect(code(of: html) == "unrecognised_format")
    }

    /// libvips would open each of these (ImageMagick for PPM and BMP): refused before any loader parses them.
    @Test("SVG, PDF, PPM and BMP files are not photos")
    func otherFormats() {
        for (name, bytes) in HostileImages.otherFormats {
            #expect(code(of: bytes) == "unrecognised_format", "\(name)")
            #expect(code(of: bytes, limits: ImageLimits(oversize: .shrink)) == "unrecognised_format", "\(name)")
        }
    }

    /// Seeded: Debian's libvips has ImageMagick's loader, which claims any buffer that starts with one of many
    /// two-byte signatures (`BM`, `P1`–`P7`, …), about one random buffer in a thousand.
    @Test("random bytes")
    func noise() {
        var random = SeededRandom(seed: 4096)
        let bytes = (0..<4096).map { _ in UInt8(random.next(in: 0...255.999).rounded(.down)) }
        #expect(code(of: bytes) == "unrecognised_format")
    }

    @Test("a file over the byte limit is refused before it is read")
    func tooManyBytes() {
        #expect(code(of: [UInt8](repeating: 0, count: 2048), limits: ImageLimits(maxFileBytes: 1024)) == "file_too_large")
    }

    @Test("a 1×1 image decodes and is then refused by the gate, not crashed on")
    func onePixel() throws {
        let png = try Fixtures.png(RGBImage(width: 1, height: 1, filledWith: .white))
        let decoded = try ImageDecoder().decode(png)
        #expect(decoded.image.width == 1 && decoded.image.height == 1)
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions, options: ProcessingOptions(attempts: [Attempt(model: "u2netp", refine: true)]))
        let report = processor.process(png).report
        #expect(report.status == "failed")
        #expect(report.attempts.first?.reason == "subject_too_small" || report.attempts.first?.reason == "no_subject")
    }

    @Test(
        "a photo far thinner than the grids' blocks (2,000 × 3, 3 × 2,000 px): refine, composite, thumbnail read only its pixels",
        arguments: [true, false])
    func thinPhoto(wide: Bool) throws {
        let (width, height) = wide ? (2000, 3) : (3, 2000)
        let along = (0..<(width * height)).map { index in wide ? index % width : index / width }
        let image = RGBImage(width: width, height: height, pixels: along.flatMap { $0 < 1000 ? [230, 225, 215] : [40, 60, 90] })
        let whole = GrayImage(width: width, height: height, pixels: [UInt8](repeating: 255, count: width * height))
        let wholeStaysWhole = EdgeRefinement().refine(mask: whole, guide: image).pixels == whole.pixels
        #expect(wholeStaysWhole)
        let half = GrayImage(width: width, height: height, pixels: along.map { $0 < 1000 ? 255 : 0 })
        let refined = EdgeRefinement().refine(mask: half, guide: image).pixels
        #expect(zip(refined, along).allSatisfy { value, position in position >= 900 || value == 255 })
        #expect(zip(refined, along).allSatisfy { value, position in position < 1100 || value == 0 })
        let soft = GrayImage(width: width, height: height, pixels: refined)
        #expect(refined.contains { $0 != 0 && $0 != 255 }, "the refined edge has soft pixels to estimate")
        let composed = Compositor().compose(image: image, mask: soft, on: .black).pixels
        let cutout = Compositor().cutout(image: image, mask: soft)
        let composedAsPromised = (0..<(width * height)).allSatisfy { index in
            let (photo, shown) = (image.pixels[(index * 3)..<(index * 3 + 3)], composed[(index * 3)..<(index * 3 + 3)])
            switch refined[index] {
            case 255: return shown.elementsEqual(photo)
            case 0: return shown.allSatisfy { $0 == 0 }
            default: return true
            }
        }
        #expect(composedAsPromised)
        #expect((0..<(width * height)).allSatisfy { cutout[$0 * 4 + 3] == refined[$0] })
        let thumbnail = try ImageDecoder().decode(
            ImageEncoder().thumbnail(RGBImage(width: width, height: height, pixels: composed), fitting: 100, as: .png)
        ).image
        #expect(max(thumbnail.width, thumbnail.height) == 100)
        guard wide else { return }
        let processor = PhotoProcessor(
            segmenters: Fixtures.sessions,
            options: ProcessingOptions(
                attempts: [Attempt(model: "u2netp", refine: true)], gate: QualityGate(minimumSubjectSide: 1)))
        let result = processor.process(try Fixtures.png(image))
        #expect(result.report.status == "ok", "\(String(describing: result.report.error))")
        #expect(result.maskPixels?.width == width && result.maskPixels?.height == height)
        #expect(result.image != nil && result.thumbnail != nil)
    }

    @Test("a PNG whose header claims 60,000×60,000 is refused before decoding")
    func decompressionBomb() throws {
        let bomb = HostileImages.pngHeader(width: 60_000, height: 60_000)
        #expect(throws: ImageError.decompressionBomb(width: 60_000, height: 60_000, maxMegapixels: 250)) {
            try ImageDecoder().decode(bomb)
        }
        let overLimitButNoBomb = HostileImages.pngHeader(width: 5000, height: 5000)
        #expect(code(of: overLimitButNoBomb) == "dimensions_too_large")
        #expect(code(of: bomb, limits: ImageLimits(oversize: .shrink)) == "decompression_bomb")
    }

    @Test("a CMYK JPEG becomes three sRGB bands")
    func cmykJPEG() throws {
        let jpeg = try made { bp_test_cmyk_jpeg(64, 32, $0, $1) }
        #expect(try ImageHeader.read(jpeg).bands == 4)
        let decoded = try ImageDecoder().decode(jpeg)
        #expect(decoded.image.width == 64 && decoded.image.height == 32)
        #expect(decoded.image.pixels.count == 64 * 32 * 3)
    }

    @Test("a 16-bit PNG becomes 8-bit with its values scaled")
    func sixteenBitPNG() throws {
        let png = try made { bp_test_png16(256, 4, $0, $1) }
        #expect(try ImageHeader.read(png).bitsPerSample == 16)
        let decoded = try ImageDecoder().decode(png).image
        #expect(decoded.pixels[0] == 0)
        #expect(decoded.pixels[255 * 3] == 255)
        #expect(abs(Int(decoded.pixels[128 * 3]) - 128) <= 1)
    }

    @Test("a grey+alpha PNG becomes RGB grey")
    func greyAlphaPNG() throws {
        let pixels: [UInt8] = (0..<(20 * 10)).flatMap { _ in [90, 200] }
        let png = try ImageEncoder().encode(pixels: pixels, width: 20, height: 10, bands: 2, as: .png)
        #expect(try ImageHeader.read(png).bands == 2)
        let decoded = try ImageDecoder().decode(png).image
        #expect(decoded.pixels.prefix(3) == [90, 90, 90])
    }

    @Test("an animated GIF gives its first frame")
    func animatedGIF() throws {
        let gif = try made { bp_test_animated_gif(40, 30, 3, $0, $1) }
        let header = try ImageHeader.read(gif)
        #expect(header.pages == 3)
        let decoded = try ImageDecoder().decode(gif).image
        #expect(decoded.width == 40 && decoded.height == 30)
    }

    @Test("an EXIF-rotated JPEG is turned upright")
    func exifRotated() throws {
        let jpeg = try made { bp_test_oriented_jpeg(64, 32, 6, $0, $1) }
        #expect(try ImageHeader.read(jpeg).orientation == 6)
        let decoded = try ImageDecoder().decode(jpeg).image
        #expect(decoded.width == 32 && decoded.height == 64)
        let top = decoded.pixels[(2 * 32 + 16) * 3]
        let bottom = decoded.pixels[(61 * 32 + 16) * 3]
        #expect(top < 40 && bottom > 215)
    }

    @Test("the 12-megapixel phone photo with EXIF orientation 6 is decoded upright")
    func phonePhoto() throws {
        let photo = try Fixtures.bytes(Fixtures.parityPhotos[4].photo)
        let header = try ImageHeader.read(photo)
        #expect(header.orientation == 6 && header.width == 4032)
        let decoded = try ImageDecoder().decode(photo).image
        #expect(decoded.width == 3024 && decoded.height == 4032)
    }
}

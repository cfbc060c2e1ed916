import CVipsTestImages
import Testing

@testable import ImagePipeline

/// Our own turn to upright (each strip put in place as libvips computes it) against libvips's `autorot`, which
/// Bookplate used before: every EXIF orientation, on pictures of scattered samples (no symmetry a wrong mirror or
/// quarter turn could hide behind).
@Suite("EXIF orientation")
struct ExifOrientationTests {
    /// A PNG of `builder`'s picture carrying EXIF orientation `orientation` in an eXIf chunk.
    private func png(_ builder: PNGFileBuilder, orientation: UInt8) -> [UInt8] {
        let entry: [UInt8] = [0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]
        let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0] + [1, 0] + entry + [0, 0, 0, 0]
        var chunks = builder.chunks()
        chunks.insert(("eXIf", tiff), at: 1)
        return PNGFileBuilder.file(chunks)
    }

    @Test("each orientation turns the picture as libvips did", arguments: 1...8)
    func matchesLibvips(orientation: Int) throws {
        for (width, height) in [(37, 21), (1, 5), (70, 70), (300, 33)] {
            let file = png(PNGFileBuilder(width: width, height: height, bands: 3), orientation: UInt8(orientation))
            let decoded = try ImageDecoder().decode(file)
            #expect(decoded.header.orientation == orientation)
            #expect(decoded.image == (try libvipsUpright(file)), "\(width)×\(height)")
        }
    }

    /// A JPEG of scattered samples, `width × height` as stored, carrying `orientation`.
    private func jpeg(width: Int, height: Int, orientation: Int) throws -> [UInt8] {
        let samples = PNGFileBuilder(width: width, height: height, bands: 3).pixels
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status = samples.withUnsafeBytes { raw in
            bp_test_jpeg_of(raw.baseAddress, Int32(width), Int32(height), Int32(orientation), &buffer, &length)
        }
        try #require(status == 0 && buffer != nil)
        defer { bp_test_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    @Test("each orientation of a JPEG decodes as libvips turned it, in one strip and in many", arguments: 1...8)
    func jpeg(orientation: Int) throws {
        for (width, height) in [(90, 40), (301, 517)] {
            let file = try jpeg(width: width, height: height, orientation: orientation)
            #expect(try ImageDecoder().decode(file).image == (try libvipsUpright(file)), "\(width)×\(height)")
        }
    }

    @Test("a photo shrunk on load is turned upright by libvips, once")
    func shrunkOnLoad() throws {
        let file = try jpeg(width: 200, height: 80, orientation: 6)
        let decoded = try ImageDecoder(limits: ImageLimits(maxSide: 100, oversize: .shrink)).decode(file)
        #expect(decoded.shrunk)
        #expect(decoded.image.width == 40 && decoded.image.height == 100)
    }

    @Test("values outside 1 to 8 count as upright")
    func otherValues() {
        for value in [0, 9, -1, 255] {
            #expect(ExifOrientation(value: value).tag == 1)
            #expect(!ExifOrientation(value: value).swapsSides)
        }
    }
}

import CPNG
import Testing

@testable import ImagePipeline

/// Our strip-parallel PNG writer, read back by libvips (a PNG reader we did not write): every sample survives,
/// however the rows are split into independently compressed strips, with either compressor.
@Suite("PNG writer")
struct PNGWriterTests {
    /// Samples that exercise every filter difference: gradients, noise-like values and flat runs.
    static func samples(width: Int, height: Int, bands: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        return (0..<(width * height * bands)).map { index in
            let pixel = index / bands
            let x = pixel % width
            let y = pixel / width
            if y % 7 == 3 { return 200 }
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: x &* 3 &+ y &* 5 &+ Int(state % 16) &+ index % bands &* 60)
        }
    }

    /// `png` decoded by libvips alone, never by our own PNG reader, with its header.
    static func readByLibvips(_ png: [UInt8]) throws -> (header: ImageHeader, image: RGBImage) {
        let header = try ImageHeader.read(png)
        return (header, try ImageDecoder().decodeWithLibvips(png, header: header, fits: true))
    }

    static func encode(_ pixels: [UInt8], width: Int, height: Int, bands: Int, level: Int, strips: Int) throws -> [UInt8] {
        try PNGWriter.encode(
            pixels, width: width, height: height, bands: bands, level: level, strips: strips, threads: min(strips, 3))
    }

    @Test("RGB pictures come back sample for sample, level 1 by ISA-L, 0 and 9 by zlib", arguments: [1, 2, 3, 7, 64])
    func rgbRoundTrip(strips: Int) throws {
        for (width, height) in [(1, 1), (1, 90), (90, 1), (333, 211)] {
            let pixels = Self.samples(width: width, height: height, bands: 3)
            for level in [0, 1, 9] {
                let png = try Self.encode(pixels, width: width, height: height, bands: 3, level: level, strips: strips)
                let decoded = try Self.readByLibvips(png)
                let picture = RGBImage(width: width, height: height, pixels: pixels)
                #expect(decoded.header.loader == "pngload_buffer")
                #expect(decoded.image == picture, "\(width)×\(height) level \(level)")
                let strictly = PNGReader.read(png, width: width, height: height)
                #expect(strictly == .decoded(picture), "our reader, which checks the zlib stream to the byte")
            }
        }
    }

    @Test("grey and RGBA pictures keep their samples and band count")
    func greyAndAlpha() throws {
        let width = 150
        let height = 97
        let grey = Self.samples(width: width, height: height, bands: 1)
        let greyPNG = try ImageEncoder(pngCompression: 1).encode(GrayImage(width: width, height: height, pixels: grey), as: .png)
        let greyDecoded = try ImageDecoder().decode(greyPNG)
        #expect(greyDecoded.header.bands == 1)
        #expect(greyDecoded.image.pixels == grey.flatMap { [$0, $0, $0] })

        let rgba = Self.samples(width: width, height: height, bands: 4)
        let rgbaPNG = try Self.encode(rgba, width: width, height: height, bands: 4, level: 1, strips: 3)
        let rgbaDecoded = try Self.readByLibvips(rgbaPNG)
        #expect(rgbaDecoded.header.bands == 4)
        let colours = stride(from: 0, to: rgba.count, by: 4).flatMap { rgba[$0..<($0 + 3)] }
        #expect(rgbaDecoded.image.pixels == colours)
    }

    @Test("a picture large enough for several strips per core round-trips through ImageEncoder")
    func largePicture() throws {
        let width = 1200
        let height = 900
        let pixels = Self.samples(width: width, height: height, bands: 3)
        let image = RGBImage(width: width, height: height, pixels: pixels)
        let png = try ImageEncoder(pngCompression: 1).encode(image, as: .png)
        #expect(try Self.readByLibvips(png).image == image)
    }

    /// ISA-L's output buffer starts at half a strip's size, so this also runs its growth.
    @Test("noise that does not compress comes back sample for sample, by either compressor")
    func noise() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let pixels = (0..<(500 * 400 * 3)).map { _ -> UInt8 in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        for level in [1, 9] {
            let png = try Self.encode(pixels, width: 500, height: 400, bands: 3, level: level, strips: 7)
            #expect(png.count > pixels.count, "stored, not compressed: \(png.count) bytes")
            let picture = RGBImage(width: 500, height: 400, pixels: pixels)
            #expect(try Self.readByLibvips(png).image == picture, "level \(level)")
            #expect(PNGReader.read(png, width: 500, height: 400) == .decoded(picture), "level \(level)")
        }
    }

    @Test("bad arguments give an error, not a crash")
    func badArguments() throws {
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let pixels = [UInt8](repeating: 0, count: 12)
        for (width, height, bands, level) in [(0, 1, 3, 1), (2, 2, 5, 1), (2, 2, 3, 10), (2, 2, 3, -1), (-4, 2, 3, 1)] {
            message[0] = 0
            let encoding = pixels.withUnsafeBufferPointer { samples in
                bp_png_compress(
                    samples.baseAddress, Int32(width), Int32(height), Int32(bands), Int32(level), 1, 1, &length,
                    &message, message.count)
            }
            #expect(encoding == nil)
            #expect(message[0] != 0, "no message for \(width) × \(height), \(bands) bands, level \(level)")
        }
        #expect(throws: ImageError.self) {
            try ImageEncoder(pngCompression: 12).encode(RGBImage(width: 2, height: 2, filledWith: .white), as: .png)
        }
    }
}

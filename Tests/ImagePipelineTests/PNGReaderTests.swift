import Foundation
import Testing

@testable import ImagePipeline

/// Our PNG reader against what it must equal: the samples written, and libvips's decode of the same file. Every
/// damaged or unusual file is declined, and `ImageDecoder` then treats it exactly as libvips alone does.
@Suite("PNG reader")
struct PNGReaderTests {
    /// A decode's result: the picture, or the error's code.
    enum Outcome: Equatable {
        case picture(RGBImage)
        case failure(String)
    }

    /// The small RGB picture whose file the damaged and unusual files are made from.
    private let builder = PNGFileBuilder(width: 23, height: 9, bands: 3)

    /// The chunks of that picture's intact file.
    private var intact: [PNGFileBuilder.Chunk] { builder.chunks() }

    private func outcome(_ work: () throws(ImageError) -> RGBImage) -> Outcome {
        do {
            return .picture(try work())
        } catch {
            return .failure(error.code)
        }
    }

    /// What libvips alone makes of `data`, as `ImageDecoder` did before the reader existed.
    private func libvips(_ data: [UInt8]) -> Outcome {
        outcome { () throws(ImageError) in
            try ImageDecoder().decodeWithLibvips(data, header: ImageHeader.read(data), fits: true)
        }
    }

    private func decoder(_ data: [UInt8]) -> Outcome {
        outcome { () throws(ImageError) in try ImageDecoder().decode(data).image }
    }

    @Test("every filter type, in RGB and RGBA, comes back sample for sample", arguments: [3, 4], [1, 2, 5, 33])
    func filters(bands: Int, width: Int) throws {
        let builder = PNGFileBuilder(width: width, height: 11, bands: bands)
        let file = PNGFileBuilder.file(builder.chunks())
        let picture = RGBImage(width: width, height: 11, pixels: builder.rgb)
        #expect(PNGReader.read(file, width: width, height: 11) == .decoded(picture))
        #expect(libvips(file) == .picture(picture))
    }

    @Test("each filter type from the first row on, where the row above counts as zero", arguments: [3, 4])
    func firstRow(bands: Int) throws {
        let builder = PNGFileBuilder(width: 7, height: 3, bands: bands)
        for type in UInt8(0)...4 {
            let file = PNGFileBuilder.file(builder.chunks(lines: builder.filteredLines { _ in type }))
            let picture = RGBImage(width: 7, height: 3, pixels: builder.rgb)
            #expect(PNGReader.read(file, width: 7, height: 3) == .decoded(picture), "filter type \(type)")
        }
    }

    /// The three ways Paeth breaks a tie, one per sample of the last pixel: with left a, above b, upper left c and
    /// p = a + b − c, (13, 4, 10) must predict b, (4, 13, 10) a, and (10, 20, 15) c.
    @Test("the Paeth predictor breaks ties as PNG says")
    func paethTies() throws {
        let above: [UInt8] = [10, 10, 15, 4, 13, 20]
        let row: [UInt8] = [13, 4, 10, 200, 100, 50]
        let builder = PNGFileBuilder(width: 2, height: 2, bands: 3, pixels: above + row)
        let file = PNGFileBuilder.file(builder.chunks(lines: builder.filteredLines { _ in 4 }))
        let picture = RGBImage(width: 2, height: 2, pixels: above + row)
        #expect(PNGReader.read(file, width: 2, height: 2) == .decoded(picture))
        #expect(libvips(file) == .picture(picture))
    }

    @Test("image data split over many IDAT chunks, among ancillary chunks known, unknown and damaged, is read")
    func piecesAndAncillaryChunks() throws {
        let builder = PNGFileBuilder(width: 40, height: 30, bands: 4)
        var chunks = builder.chunks(pieces: 7)
        chunks.insert(("ruSt", [1, 2, 3]), at: 1)
        chunks.insert(("tEXt", Array("Comment\u{0}a test".utf8)), at: 1)
        chunks.insert(("tIME", [7, 234, 12, 7, 3, 0, 0]), at: chunks.count - 1)
        var file = PNGFileBuilder.file(chunks)
        let picture = RGBImage(width: 40, height: 30, pixels: builder.rgb)
        #expect(PNGReader.read(file, width: 40, height: 30) == .decoded(picture))
        #expect(decoder(file) == .picture(picture))
        file[8 + 25 + 8 + 14] ^= 1
        let skipped = "libpng skips an ancillary chunk failing its CRC"
        #expect(PNGReader.read(file, width: 40, height: 30) == .decoded(picture), "\(skipped)")
        #expect(libvips(file) == .picture(picture))
        chunks.insert(("IDAT", []), at: 5)
        chunks.insert(("PLTE", [1, 2, 3, 4, 5, 6]), at: 1)
        let legal = PNGFileBuilder.file(chunks) + Array("bytes after IEND".utf8)
        let allowed = "an empty IDAT, PLTE in an RGBA file, bytes after IEND"
        #expect(PNGReader.read(legal, width: 40, height: 30) == .decoded(picture), "\(allowed)")
        #expect(libvips(legal) == .picture(picture))
    }

    @Test("intact PNGs of other layouts are checked and left to libvips: grey, grey and alpha, interlaced RGB")
    func otherLayouts() throws {
        for bands in [1, 2] {
            let builder = PNGFileBuilder(width: 19, height: 13, bands: bands)
            let file = PNGFileBuilder.file(builder.chunks())
            #expect(PNGReader.read(file, width: 19, height: 13) == .declined)
            #expect(decoder(file) == .picture(RGBImage(width: 19, height: 13, pixels: builder.rgb)), "\(bands) bands")
        }
        for (width, height) in [(1, 1), (3, 2), (19, 13), (64, 9)] {
            let builder = PNGFileBuilder(width: width, height: height, bands: 3)
            let chunks = builder.chunks(header: builder.header(interlace: 1), lines: builder.interlacedLines())
            let file = PNGFileBuilder.file(chunks)
            #expect(PNGReader.read(file, width: width, height: height) == .declined, "\(width)×\(height)")
            #expect(decoder(file) == .picture(RGBImage(width: width, height: height, pixels: builder.rgb)))
        }
    }

    @Test("the shared PNG photos and rembg's expected cut-outs are read as libvips reads them")
    func sharedFiles() throws {
        let expected = Fixtures.shared.appendingPathComponent("fixtures/rembg/expected")
        let cutOuts = try FileManager.default.contentsOfDirectory(atPath: expected.path).sorted().map {
            expected.appendingPathComponent($0)
        }
        let photos = [
            Fixtures.shared.appendingPathComponent("fixtures/rembg/inputs/plants-1.jpg"),
            Fixtures.shared.appendingPathComponent("fixtures/books/fortSolitude.png"),
        ]
        for url in photos + cutOuts.filter({ $0.pathExtension == "png" }) {
            let data = try Fixtures.bytes(url)
            let header = try ImageHeader.read(data)
            guard case let .decoded(picture) = PNGReader.read(data, width: header.width, height: header.height) else {
                Issue.record("\(url.lastPathComponent) was not decoded")
                continue
            }
            #expect(libvips(data) == .picture(picture), "\(url.lastPathComponent)")
        }
    }

    @Test("a PNG whose image data cannot be read whole is refused, of any layout, where libvips may not refuse it")
    func damaged() throws {
        let lines = builder.filteredLines()
        let intact = intact
        let file = PNGFileBuilder.file(intact)
        let stream = intact[1].body
        func replacingData(_ lines: [UInt8], header: [UInt8]? = nil) -> [UInt8] {
            PNGFileBuilder.file(builder.chunks(header: header, lines: lines))
        }
        var badIDATCRC = file
        badIDATCRC[file.count - 13] ^= 1
        var flippedSample = intact
        flippedSample[1].body[20] ^= 0x10
        var badAdler = intact
        badAdler[1].body[stream.count - 1] ^= 1
        var trailing = intact
        trailing[1].body += [0, 0, 0]
        var unknownFilter = lines
        unknownFilter[2 * 70] = 5
        var interrupted = builder.chunks(pieces: 2)
        interrupted.insert(("tEXt", Array("a\u{0}b".utf8)), at: 2)
        var renamedIDAT = file
        renamedIDAT[33 + 4] ^= 0x40
        let interlacedHeader = builder.header(interlace: 1)
        let interlacedShort = Array(builder.interlacedLines().dropLast(40))
        let criticalAfterData: [PNGFileBuilder.Chunk] = Array(intact.dropLast()) + [("PLTE", [0, 0, 0]), intact[2]]
        var interlacedLines = builder.interlacedLines()
        interlacedLines[interlacedLines.count - 70] = 6
        let grey = PNGFileBuilder(width: 23, height: 9, bands: 1)
        var greyFilter = grey.filteredLines()
        greyFilter[24] = 9
        let cases: [(String, [UInt8])] =
            [8, 20, 33, 41, file.count / 2, file.count - 13, file.count - 1].map {
                ("cut at \($0)", Array(file.prefix($0)))
            }
            + [
                ("an IDAT chunk's CRC", badIDATCRC),
                ("an IDAT chunk's type, one bit off", renamedIDAT),
                ("an interlaced file with filter type 6", replacingData(interlacedLines, header: interlacedHeader)),
                ("an interlaced file a row short", replacingData(interlacedShort, header: interlacedHeader)),
                ("a sample changed, its CRC made good", PNGFileBuilder.file(flippedSample)),
                ("the Adler-32", PNGFileBuilder.file(badAdler)),
                ("filter type 5 on the third row", replacingData(unknownFilter)),
                ("a row too few", replacingData(Array(lines.dropLast(70)))),
                ("a row too many", replacingData(lines + lines.prefix(70))),
                ("bytes after the zlib stream", PNGFileBuilder.file(trailing)),
                ("a critical chunk after the image data", PNGFileBuilder.file(criticalAfterData)),
                ("no IEND", PNGFileBuilder.file(Array(intact.dropLast()))),
                ("a chunk between two IDAT chunks", PNGFileBuilder.file(interrupted)),
                ("interlaced in the header, not in the data", replacingData(lines, header: interlacedHeader)),
                ("16 bits in the header, 8 in the data", replacingData(lines, header: builder.header(bitDepth: 16))),
                ("a grey picture with filter type 9", PNGFileBuilder.file(grey.chunks(lines: greyFilter))),
            ]
        for (name, data) in cases {
            guard case .damaged = PNGReader.read(data, width: 23, height: 9) else {
                Issue.record("\(name): not found damaged")
                continue
            }
            guard case .failure = decoder(data) else {
                Issue.record("\(name): decoded")
                continue
            }
        }
        let unknownFilterFile = replacingData(unknownFilter)
        #expect(PNGReader.read(unknownFilterFile, width: 23, height: 9) == .damaged("a PNG row has an unknown filter type"))
        #expect(decoder(unknownFilterFile) == .failure("corrupt_image"))
    }

    @Test("unusual PNGs the reader does not decode go to libvips, which decodes or refuses them as before")
    func declined() throws {
        let intact = intact
        let file = PNGFileBuilder.file(intact)
        func inserting(_ chunk: PNGFileBuilder.Chunk, at index: Int, into chunks: [PNGFileBuilder.Chunk] = intact)
            -> [UInt8]
        {
            var chunks = chunks
            chunks.insert(chunk, at: index)
            return PNGFileBuilder.file(chunks)
        }
        let indices = PNGFileBuilder(width: 23, height: 9, bands: 1)
        let colours: [UInt8] = (0..<256).flatMap { (index: Int) -> [UInt8] in
            [UInt8(index), UInt8(255 - index), UInt8(index / 2)]
        }
        var palette = indices.chunks(header: indices.header(colourType: 3))
        palette.insert(("PLTE", colours), at: 1)
        let paletteColours: [UInt8] = indices.pixels.flatMap { (index: UInt8) -> ArraySlice<UInt8> in
            colours[(Int(index) * 3)..<(Int(index) * 3 + 3)]
        }
        var largeAncillary = intact
        largeAncillary.insert(("ruSt", [UInt8](repeating: 7, count: 2 << 20)), at: 1)
        let otherCompression = Array(builder.header().prefix(10)) + [1, 0, 0]
        let cases: [(String, [UInt8])] = [
            ("no IDAT", PNGFileBuilder.file([intact[0], intact[2]])),
            ("IHDR not first", inserting(("tEXt", Array("a\u{0}b".utf8)), at: 0)),
            ("an unknown critical chunk", inserting(("ABCD", [0]), at: 1)),
            ("another compression method", PNGFileBuilder.file(builder.chunks(header: otherCompression))),
        ]
        for (name, data) in cases {
            #expect(PNGReader.read(data, width: 23, height: 9) == .declined, "\(name)")
            #expect(decoder(data) == libvips(data), "\(name)")
        }
        #expect(PNGReader.read(PNGFileBuilder.file(palette), width: 23, height: 9) == .declined)
        let palettePicture = RGBImage(width: 23, height: 9, pixels: paletteColours)
        #expect(decoder(PNGFileBuilder.file(palette)) == .picture(palettePicture))
        let picture = RGBImage(width: 23, height: 9, pixels: builder.rgb)
        #expect(PNGReader.read(PNGFileBuilder.file(largeAncillary), width: 23, height: 9) == .decoded(picture))
        #expect(PNGReader.read(file, width: 24, height: 9) == .declined)
        #expect(PNGReader.read(file, width: 23, height: 9, decoding: false) == .declined)
        #expect(PNGReader.read([], width: 23, height: 9) == .declined)
    }

    /// A header whose rows would need more than 2⁶⁴ bytes in all (the product wraps around to 794,477 in 64 bits)
    /// is declined unchecked, as is any over 256 MiB; sizes a C int cannot hold never reach the C side.
    @Test("a header promising more image data than the reader checks is declined, never inflated")
    func hugeHeaders() throws {
        for (width, height, depth, colourType) in [(2_147_467_270, 1_073_750_013, 16, 6), (20_000, 20_000, 8, 2)] {
            let header =
                PNGFileBuilder.bigEndian(UInt32(width)) + PNGFileBuilder.bigEndian(UInt32(height))
                + [UInt8(depth), UInt8(colourType), 0, 0, 0]
            let file = PNGFileBuilder.file(builder.chunks(header: header))
            #expect(PNGReader.read(file, width: width, height: height) == .declined)
            #expect(PNGReader.read(file, width: width, height: height, decoding: false) == .declined)
        }
        let file = PNGFileBuilder.file(intact)
        #expect(PNGReader.read(file, width: Int(Int32.max) + 1, height: 9) == .declined)
        #expect(PNGReader.read(file, width: 23, height: -9) == .declined)
    }

    @Test("a PNG whose eXIf chunk says orientation 6 is turned upright, one that says 1 is read as it is")
    func exifOrientation() throws {
        let builder = PNGFileBuilder(width: 6, height: 4, bands: 3)
        func withOrientation(_ orientation: UInt8) -> [UInt8] {
            let entry: [UInt8] = [0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]
            let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0] + [1, 0] + entry + [0, 0, 0, 0]
            var chunks = builder.chunks()
            chunks.insert(("eXIf", tiff), at: 1)
            return PNGFileBuilder.file(chunks)
        }
        let turned = try ImageDecoder().decode(withOrientation(6))
        #expect(turned.header.orientation == 6)
        #expect(turned.image.width == 4 && turned.image.height == 6)
        let upright = try ImageDecoder().decode(withOrientation(1))
        #expect(upright.header.orientation == 1)
        #expect(upright.image == RGBImage(width: 6, height: 4, pixels: builder.rgb))
    }
}

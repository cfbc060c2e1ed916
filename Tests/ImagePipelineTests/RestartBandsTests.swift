import CVipsTestImages
import Testing

@testable import ImagePipeline

/// A JPEG with restart markers decoded in bands, one per core, against libvips decoding the whole picture: every
/// orientation, both chroma layouts, restart intervals of one row, two rows, half a row and one that meets the rows
/// only every seventh; and damaged restart structure, which must leave the photo to the whole-picture decode.
@Suite("JPEG decoded in restart bands")
struct RestartBandsTests {
    /// One way of writing the test JPEG.
    struct Layout: Sendable, CustomStringConvertible {
        let width: Int
        let height: Int
        let subsample: Bool
        let restartInterval: Int

        var description: String {
            "\(width)×\(height) \(subsample ? "4:2:0" : "4:4:4") every \(restartInterval) MCUs"
        }
    }

    static let layouts = [
        Layout(width: 301, height: 517, subsample: true, restartInterval: 19),
        Layout(width: 301, height: 517, subsample: false, restartInterval: 38),
        Layout(width: 640, height: 200, subsample: true, restartInterval: 80),
        Layout(width: 640, height: 480, subsample: true, restartInterval: 20),
        Layout(width: 96, height: 1280, subsample: true, restartInterval: 7),
    ]

    /// A JPEG of scattered samples in `layout`, carrying `orientation`.
    private func jpeg(_ layout: Layout, orientation: Int = 1, progressive: Bool = false) throws -> [UInt8] {
        let samples = PNGFileBuilder(width: layout.width, height: layout.height, bands: 3).pixels
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status = samples.withUnsafeBytes { raw in
            bp_test_restart_jpeg(
                raw.baseAddress, Int32(layout.width), Int32(layout.height), Int32(orientation),
                Int32(layout.restartInterval), layout.subsample ? 1 : 0, progressive ? 1 : 0, &buffer, &length)
        }
        try #require(status == 0 && buffer != nil)
        defer { bp_test_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    private func decoder(bands: Int) -> ImageDecoder {
        var decoder = ImageDecoder()
        decoder.restartBands = bands
        return decoder
    }

    @Test("bands decode to libvips's whole picture, in every orientation", arguments: 1...8)
    func matchesWholePicture(orientation: Int) throws {
        for layout in Self.layouts {
            let file = try jpeg(layout, orientation: orientation)
            let header = try ImageHeader.read(file)
            let expected = try libvipsUpright(file)
            for bands in [2, 3] {
                let cut = JPEGRestartParts(file, count: bands)
                let parts = try #require(cut, "\(layout)")
                #expect(parts.parts.count == bands)
                let stored = parts.parts.flatMap { part in
                    (part.firstRow + part.keptRows.lowerBound)..<(part.firstRow + part.keptRows.upperBound)
                }
                #expect(stored == Array(0..<layout.height), "\(layout): the kept rows tile the picture once")
                #expect(decoder(bands: bands).decodeInRestartBands(file, header: header) == expected, "\(layout)")
            }
            #expect(try ImageDecoder().decode(file).image == expected, "\(layout)")
        }
    }

    @Test("a JPEG without restart markers, progressive or too short to cut is decoded whole")
    func notCut() throws {
        let layout = Layout(width: 301, height: 517, subsample: true, restartInterval: 0)
        let short = Layout(width: 90, height: 40, subsample: true, restartInterval: 6)
        let progressive = try jpeg(Self.layouts[0], progressive: true)
        for file in [try jpeg(layout), try jpeg(short), progressive] {
            let cut = JPEGRestartParts(file, count: 2)
            #expect(cut == nil)
            #expect(try ImageDecoder().decode(file).image == (try libvipsUpright(file)))
        }
    }

    /// The offsets of the restart markers in `file`'s scan data.
    private func restartMarkers(_ file: [UInt8]) -> [Int] {
        (0..<(file.count - 1)).filter { file[$0] == 0xFF && (0xD0...0xD7).contains(file[$0 + 1]) }
    }

    /// What a decoder gives for a file.
    enum Outcome: Equatable {
        case picture(RGBImage)
        case failure(code: String)
    }

    private func outcome(_ decoder: ImageDecoder, _ file: [UInt8]) -> Outcome {
        do {
            return .picture(try decoder.decode(file).image)
        } catch {
            return .failure(code: error.code)
        }
    }

    @Test("damaged restart markers or a truncated scan are left to the whole-picture decode")
    func damagedStructure() throws {
        let file = try jpeg(Self.layouts[0], orientation: 6)
        let markers = restartMarkers(file)
        try #require(markers.count == 32)
        var renumbered = file
        renumbered[markers[5] + 1] = 0xD0 + (renumbered[markers[5] + 1] - 0xD0 + 3) % 8
        var dropped = file
        dropped.removeSubrange(markers[9]..<(markers[9] + 2))
        var damaged = [renumbered, dropped]
        for end in stride(from: markers[0] - 40, to: file.count, by: 97) {
            damaged.append(Array(file[..<end]))
        }
        for broken in damaged {
            let cut = JPEGRestartParts(broken, count: 2)
            #expect(cut == nil)
            #expect(outcome(decoder(bands: 2), broken) == outcome(decoder(bands: 1), broken))
        }
    }

    @Test("changed bytes anywhere decode in bands exactly as the whole picture does, or fail the same way")
    func changedBytes() throws {
        let file = try jpeg(Layout(width: 160, height: 160, subsample: true, restartInterval: 10))
        var decodedInBands = 0
        for trial in 0..<300 {
            var changed = file
            for change in 0...(abs(fixedScatter(trial, 0)) % 3) {
                let offset = abs(fixedScatter(trial, change + 1)) % file.count
                changed[offset] = UInt8(truncatingIfNeeded: fixedScatter(change, trial))
            }
            let banded = outcome(decoder(bands: 3), changed)
            #expect(banded == outcome(decoder(bands: 1), changed))
            if case .picture = banded, JPEGRestartParts(changed, count: 3) != nil { decodedInBands += 1 }
        }
        #expect(decodedInBands >= 150, "most changes fall in the scan data and still decode in bands")
    }
}

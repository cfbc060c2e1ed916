/// Builds PNG files byte by byte for the PNG reader's tests: each row's filter chosen, the image data in stored
/// (uncompressed) deflate blocks, and the chunk list open to change, so a test can damage or rearrange any part and
/// still know what every byte is.
struct PNGFileBuilder {
    /// A chunk's four-letter type and its data; `file` adds the length and the CRC.
    typealias Chunk = (type: String, body: [UInt8])

    let width: Int
    let height: Int
    /// 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.
    let bands: Int
    /// `width × height × bands` samples.
    let pixels: [UInt8]

    /// Samples scattered over the whole range, the same on every run, unless `pixels` are given.
    init(width: Int, height: Int, bands: Int, pixels: [UInt8]? = nil) {
        self.width = width
        self.height = height
        self.bands = bands
        self.pixels =
            pixels ?? (0..<(width * height * bands)).map { UInt8(truncatingIfNeeded: fixedScatter($0, bands) >> 7) }
    }

    /// The picture as `ImageDecoder` gives it: RGB, alpha dropped, grey repeated in all three.
    var rgb: [UInt8] {
        stride(from: 0, to: pixels.count, by: bands).flatMap { start in
            bands < 3 ? [UInt8](repeating: pixels[start], count: 3) : Array(pixels[start..<(start + 3)])
        }
    }

    /// The IHDR chunk's data: 8 bits per sample, the colour type of `bands` unless given, `interlace` as given.
    func header(bitDepth: UInt8 = 8, colourType: UInt8? = nil, interlace: UInt8 = 0) -> [UInt8] {
        let typeOfBands: [UInt8] = [0, 0, 4, 2, 6]
        return Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
            + [bitDepth, colourType ?? typeOfBands[bands], 0, 0, interlace]
    }

    /// The image data of an Adam7-interlaced file: the seven reduced images one after the other, each row unfiltered;
    /// a pass with no columns or no rows has no lines at all.
    func interlacedLines() -> [UInt8] {
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        var lines: [UInt8] = []
        for (firstX, firstY, stepX, stepY) in passes where firstX < width && firstY < height {
            for y in Swift.stride(from: firstY, to: height, by: stepY) {
                lines.append(0)
                for x in Swift.stride(from: firstX, to: width, by: stepX) {
                    lines += pixels[((y * width + x) * bands)..<((y * width + x + 1) * bands)]
                }
            }
        }
        return lines
    }

    /// Every row with its filter byte: row `y` uses `filter(y)`, PNG's types 0 (none) to 4 (Paeth).
    func filteredLines(filter: (Int) -> UInt8 = { UInt8($0 % 5) }) -> [UInt8] {
        let stride = width * bands
        var lines: [UInt8] = []
        for y in 0..<height {
            let type = filter(y)
            lines.append(type)
            for index in 0..<stride {
                let sample = Int(pixels[y * stride + index])
                let left = index >= bands ? Int(pixels[y * stride + index - bands]) : 0
                let up = y > 0 ? Int(pixels[(y - 1) * stride + index]) : 0
                let corner = y > 0 && index >= bands ? Int(pixels[(y - 1) * stride + index - bands]) : 0
                let predictor: Int
                switch type {
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = Self.paeth(left, up, corner)
                default: predictor = 0
                }
                lines.append(UInt8(truncatingIfNeeded: sample - predictor))
            }
        }
        return lines
    }

    /// The chunks of an intact file: IHDR (`header` unless given), the zlib stream of `lines` split over `pieces`
    /// IDAT chunks, IEND.
    func chunks(header: [UInt8]? = nil, lines: [UInt8]? = nil, pieces: Int = 1) -> [Chunk] {
        let stream = Self.zlibStored(lines ?? filteredLines())
        let size = (stream.count + pieces - 1) / pieces
        let idats = Swift.stride(from: 0, to: stream.count, by: size).map { start in
            (type: "IDAT", body: Array(stream[start..<min(start + size, stream.count)]))
        }
        return [("IHDR", header ?? self.header())] + idats + [("IEND", [])]
    }

    /// The signature and the chunks, each with its length and CRC.
    static func file(_ chunks: [Chunk]) -> [UInt8] {
        [137, 80, 78, 71, 13, 10, 26, 10] + chunks.flatMap { chunk in
            let typeAndBody = Array(chunk.type.utf8) + chunk.body
            return bigEndian(UInt32(chunk.body.count)) + typeAndBody + bigEndian(crc32(typeAndBody))
        }
    }

    /// `bytes` as a zlib stream of stored deflate blocks (at most 65,535 bytes each) with its Adler-32.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            stream += [end == bytes.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            stream += [UInt8(~length & 0xFF), UInt8(~length >> 8)]
            stream += bytes[start..<end]
            start = end
        } while start < bytes.count
        return stream + bigEndian(adler32(bytes))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in bytes {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        return high << 16 | low
    }

    /// PNG's Paeth predictor: of left, up and upper-left, the one closest to left + up − upper-left.
    static func paeth(_ left: Int, _ up: Int, _ corner: Int) -> Int {
        let estimate = left + up - corner
        let (toLeft, toUp, toCorner) = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
        if toLeft <= toUp && toLeft <= toCorner { return left }
        return toUp <= toCorner ? up : corner
    }
}

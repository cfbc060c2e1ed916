import Glibc

/// A baseline JPEG whose one scan has restart markers at the starts of MCU rows (as phone cameras write them), cut
/// into bands that libjpeg decodes independently, one per core. A restart resets the decoder's state, so a band's
/// rows decode to the same pixels as in the whole picture; each band also decodes the MCU rows next to it, which
/// upsampled chroma reads across the cut, and keeps only its own rows.
struct JPEGRestartParts {
    /// One band: a complete JPEG of some MCU rows, and which of its rows belong to the picture where.
    struct Part: Sendable {
        /// The band as a JPEG of its own: the photo's header with the band's height, then its scan data.
        let data: [UInt8]
        /// The stored row of the picture that the band's first decoded row is.
        let firstRow: Int
        /// The band's decoded rows that are kept (the rest are its neighbours').
        let keptRows: Range<Int>
    }

    /// The bands, top to bottom.
    let parts: [Part]

    /// What the header says about the frame and its one scan.
    private struct Frame {
        var width = 0
        var height = 0
        var heightOffset = 0
        var mcuWidth = 0
        var mcuHeight = 0
        var restartInterval = 0
        var scanStart = 0
    }

    /// Cuts `data` into about `count` bands, or nil when it is not a JPEG this applies to: not baseline or extended
    /// Huffman, not one interleaved scan of three components, no restart interval that meets MCU rows often enough,
    /// or scan data whose restart markers are not exactly where and as numbered as the header says (truncated or
    /// damaged data is left to the whole-picture decode, which reports it).
    init?(_ data: [UInt8], count: Int) {
        guard count > 1, let frame = Self.frame(of: data) else { return nil }
        let mcusPerRow = (frame.width + frame.mcuWidth - 1) / frame.mcuWidth
        let mcuRows = (frame.height + frame.mcuHeight - 1) / frame.mcuHeight
        let segmentCount = (mcusPerRow * mcuRows + frame.restartInterval - 1) / frame.restartInterval
        guard let segments = Self.segments(of: data, from: frame.scanStart, expected: segmentCount) else { return nil }
        let rowsPerStep = Self.leastCommonMultiple(frame.restartInterval, mcusPerRow) / mcusPerRow
        let steps = mcuRows / rowsPerStep
        guard steps >= 2 * count else { return nil }
        let cuts = (0...count).map { index in index == count ? mcuRows : steps * index / count * rowsPerStep }
        parts = (0..<count).map { index in
            let decodedRows = max(0, cuts[index] - rowsPerStep)..<min(mcuRows, cuts[index + 1] + rowsPerStep)
            let firstSegment = decodedRows.lowerBound * mcusPerRow / frame.restartInterval
            let endSegment =
                decodedRows.upperBound == mcuRows
                ? segmentCount : decodedRows.upperBound * mcusPerRow / frame.restartInterval
            let firstRow = decodedRows.lowerBound * frame.mcuHeight
            let height = min(decodedRows.upperBound * frame.mcuHeight, frame.height) - firstRow
            let keptEnd = min(cuts[index + 1] * frame.mcuHeight, frame.height)
            let kept = (cuts[index] * frame.mcuHeight - firstRow)..<(keptEnd - firstRow)
            return Part(
                data: Self.band(of: data, frame: frame, height: height, segments: segments[firstSegment..<endSegment]),
                firstRow: firstRow, keptRows: kept)
        }
    }

    /// Reads the markers before the scan data.
    private static func frame(of data: [UInt8]) -> Frame? {
        guard data.count > 4, data[0] == 0xFF, data[1] == 0xD8 else { return nil }
        var frame = Frame()
        var offset = 2
        while offset + 4 <= data.count {
            guard data[offset] == 0xFF else { return nil }
            let marker = data[offset + 1]
            if marker == 0xFF {
                offset += 1
                continue
            }
            let length = Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            let body = offset + 4
            guard length >= 2, offset + 2 + length <= data.count else { return nil }
            switch marker {
            case 0xC0, 0xC1:
                guard length >= 17, data[body] == 8, data[body + 5] == 3 else { return nil }
                frame.heightOffset = body + 1
                frame.height = Int(data[body + 1]) << 8 | Int(data[body + 2])
                frame.width = Int(data[body + 3]) << 8 | Int(data[body + 4])
                let sampling = (0..<3).map { data[body + 7 + 3 * $0] }
                let widest = Int(sampling.map { $0 >> 4 }.max() ?? 0)
                let tallest = Int(sampling.map { $0 & 0x0F }.max() ?? 0)
                guard (1...4).contains(widest), (1...4).contains(tallest) else { return nil }
                frame.mcuWidth = 8 * widest
                frame.mcuHeight = 8 * tallest
            case 0xC2, 0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF, 0xDC:
                return nil
            case 0xDD:
                guard length == 4 else { return nil }
                frame.restartInterval = Int(data[body]) << 8 | Int(data[body + 1])
            case 0xDA:
                guard length >= 3, data[body] == 3, frame.width > 0, frame.height > 0, frame.restartInterval > 0 else {
                    return nil
                }
                frame.scanStart = offset + 2 + length
                return frame
            case 0x01, 0xD0...0xD9:
                return nil
            default:
                break
            }
            offset += 2 + length
        }
        return nil
    }

    /// The byte ranges of the scan's restart segments, found by walking the scan data from `start` to its end of
    /// image; nil unless there are exactly `expected`, separated by restart markers numbered 0 to 7 in turn.
    private static func segments(of data: [UInt8], from start: Int, expected: Int) -> [Range<Int>]? {
        var segments: [Range<Int>] = []
        segments.reserveCapacity(min(expected, (data.count - start) / 2 + 1))
        return data.withUnsafeBufferPointer { buffer -> [Range<Int>]? in
            guard let base = buffer.baseAddress else { return nil }
            var segmentStart = start
            var offset = start
            while offset < buffer.count {
                guard let found = memchr(base + offset, 0xFF, buffer.count - offset) else { return nil }
                let position = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                guard position + 1 < buffer.count else { return nil }
                let marker = buffer[position + 1]
                switch marker {
                case 0x00:
                    offset = position + 2
                case 0xFF:
                    offset = position + 1
                case 0xD0...0xD7:
                    guard Int(marker - 0xD0) == segments.count % 8, segments.count + 1 < expected else { return nil }
                    segments.append(segmentStart..<position)
                    segmentStart = position + 2
                    offset = segmentStart
                case 0xD9:
                    segments.append(segmentStart..<position)
                    return segments.count == expected ? segments : nil
                default:
                    return nil
                }
            }
            return nil
        }
    }

    /// A JPEG of the given restart segments: the photo's header with the band's height, the segments with their
    /// restart markers numbered from 0, and an end of image.
    private static func band(of data: [UInt8], frame: Frame, height: Int, segments: ArraySlice<Range<Int>>) -> [UInt8] {
        var band: [UInt8] = []
        band.reserveCapacity(frame.scanStart + segments.reduce(0) { $0 + $1.count + 2 } + 2)
        band.append(contentsOf: data[0..<frame.scanStart])
        band[frame.heightOffset] = UInt8(height >> 8)
        band[frame.heightOffset + 1] = UInt8(height & 0xFF)
        for (index, segment) in segments.enumerated() {
            if index > 0 {
                band.append(0xFF)
                band.append(0xD0 + UInt8((index - 1) % 8))
            }
            band.append(contentsOf: data[segment])
        }
        band.append(0xFF)
        band.append(0xD9)
        return band
    }

    private static func leastCommonMultiple(_ first: Int, _ second: Int) -> Int {
        var (larger, smaller) = (max(first, second), min(first, second))
        while smaller > 0 { (larger, smaller) = (smaller, larger % smaller) }
        return first / larger * second
    }
}

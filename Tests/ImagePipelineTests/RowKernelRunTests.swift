import CCompose
import Testing

/// The C row kernels that fill whole runs of 0 or 255 at once — the composite (`bp_compose_rows`) and refinement's
/// last full-resolution step (`bp_refine_rows`) — on masks made of runs of 0, of 255 and of soft values, 1 to 40
/// samples long and crossing row ends, checked pixel by pixel against what each pixel alone must be.
@Suite("Row kernels, run by run")
struct RowKernelRunTests {
    static let widths = [1, 15, 16, 17, 37, 64, 100, 257]
    static let height = 5

    /// `width × height` mask values in runs, the same on every run of the tests.
    static func runMask(width: Int) -> [UInt8] {
        var mask: [UInt8] = []
        var index = 0
        while mask.count < width * height {
            let scatter = abs(fixedScatter(index, width))
            let length = min(1 + scatter % 40, width * height - mask.count)
            let kind = scatter / 40 % 5
            let value: UInt8 = kind < 2 ? 0 : (kind < 4 ? 255 : UInt8(1 + scatter / 200 % 254))
            mask += repeatElement(value, count: length)
            index += 1
        }
        return mask
    }

    /// A photo's samples, three per pixel.
    static func photo(width: Int) -> [UInt8] {
        (0..<(width * height * 3)).map { UInt8(truncatingIfNeeded: fixedScatter($0, 7)) }
    }

    /// Constant planes on a small grid, and lookups that sample every full-resolution pixel between its first cells.
    struct ConstantGrid {
        let planes: [Float]
        let rowTop: [Int32]
        let rowBottom: [Int32]
        let rowFraction: [Float]
        let columnLeft: [Int32]
        let columnRight: [Int32]
        let columnWeight: [Float]

        init(values: [Float], gridWidth: Int, gridHeight: Int, width: Int, height: Int) {
            planes = values.flatMap { repeatElement($0, count: gridWidth * gridHeight) }
            rowTop = Array(repeating: 0, count: height)
            rowBottom = Array(repeating: Int32(min(1, gridHeight - 1)), count: height)
            rowFraction = Array(repeating: 0.5, count: height)
            columnLeft = Array(repeating: 0, count: width)
            columnRight = Array(repeating: Int32(min(1, gridWidth - 1)), count: width)
            columnWeight = Array(repeating: 0.25, count: width)
        }
    }

    @Test(
        "the composite keeps opaque pixels' bytes and the backdrop's exactly and estimates soft ones",
        arguments: widths)
    func composeRuns(width: Int) {
        let (mask, pixels) = (Self.runMask(width: width), Self.photo(width: width))
        let foreground: [Float] = [0.2, 0.4, 0.6]
        let background: [Float] = [0.9, 0.1, 0.5]
        let grid = ConstantGrid(
            values: foreground + background, gridWidth: 2, gridHeight: 2, width: width, height: Self.height)
        let backdrop: [Float] = [255, 0, 12]
        for channels in [3, 4] {
            var output = [UInt8](repeating: 77, count: width * Self.height * channels)
            var scratch = [Float](repeating: 0, count: 6 * 2)
            bp_compose_rows(
                pixels, mask, Int32(width), 0, Int32(Self.height), grid.planes, 2, 2, grid.rowTop, grid.rowBottom,
                grid.rowFraction, grid.columnLeft, grid.columnRight, grid.columnWeight, backdrop, Int32(channels),
                &scratch, &output)
            var wrong = 0
            for index in 0..<(width * Self.height) {
                let alpha = mask[index]
                let expected: [UInt8] = (0..<3).map { channel in
                    let sample = pixels[index * 3 + channel]
                    switch alpha {
                    case 255: return sample
                    case 0: return channels == 3 ? UInt8(backdrop[channel] + 0.5) : 0
                    default:
                        let a = Float(alpha) * (1 / 255 as Float)
                        let (f, b) = (foreground[channel], background[channel])
                        let observed = Float(sample) * (1 / 255 as Float)
                        let estimate = min(max(f + a * (observed - a * f - (1 - a) * b), 0), 1)
                        let value = channels == 3 ? a * 255 * estimate + (1 - a) * backdrop[channel] : 255 * estimate
                        return UInt8(value + 0.5)
                    }
                } + (channels == 4 ? [alpha] : [])
                if Array(output[(index * channels)..<((index + 1) * channels)]) != expected { wrong += 1 }
            }
            #expect(wrong == 0, "\(wrong) of \(width * Self.height) pixels wrong with \(channels) channels")
        }
    }

    @Test(
        "refinement's rows take the sharpened mask outside the band, run by run, and the colour model inside it",
        arguments: widths)
    func refineRuns(width: Int) {
        let (mask, pixels) = (Self.runMask(width: width), Self.photo(width: width))
        let (gridWidth, gridHeight) = (min(8, width), 4)
        let band = (0..<(gridWidth * gridHeight)).map { UInt8(abs(fixedScatter($0, width)) % 3 == 0 ? 1 : 0) }
        let sharpened = (0..<256).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        // a = 0 for every colour and b = 0.5: every pixel in the band becomes 0.5 · 255, rounded to 128.
        let grid = ConstantGrid(
            values: [0, 0, 0, 0.5], gridWidth: gridWidth, gridHeight: gridHeight, width: width, height: Self.height)
        var output = [UInt8](repeating: 77, count: width * Self.height)
        var scratch = [Float](repeating: 0, count: 4 * gridWidth)
        bp_refine_rows(
            pixels, mask, Int32(width), Int32(Self.height), 0, Int32(Self.height), grid.planes, Int32(gridWidth),
            Int32(gridHeight), band, grid.rowTop, grid.rowBottom, grid.rowFraction, grid.columnLeft, grid.columnRight,
            grid.columnWeight, sharpened, &scratch, &output)
        var wrong = 0
        for y in 0..<Self.height {
            for x in 0..<width {
                let row = min(gridHeight - 1, y * gridHeight / Self.height)
                let cell = row * gridWidth + min(gridWidth - 1, x * gridWidth / width)
                let expected = band[cell] != 0 ? 128 : sharpened[Int(mask[y * width + x])]
                if output[y * width + x] != expected { wrong += 1 }
            }
        }
        #expect(wrong == 0, "\(wrong) of \(width * Self.height) pixels wrong")
    }
}

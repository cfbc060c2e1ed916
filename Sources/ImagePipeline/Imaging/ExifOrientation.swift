/// An EXIF orientation (1–8): how a picture is stored relative to upright, and the turn or mirror that brings it
/// upright, as libvips's `autorot` does. libvips already clips the tag into 1–8 when it reads a header; any other
/// value given here counts as upright.
struct ExifOrientation: Sendable, Equatable {
    /// The tag's value.
    let value: Int

    /// Whether upright swaps width and height (orientations 5 to 8 turn by a quarter).
    var swapsSides: Bool { (5...8).contains(value) }

    /// `image` upright. The output pixel (x, y) comes from source pixel `start + x · across + y · down` (in pixels),
    /// so all eight cases are one loop; it runs in tiles (a quarter turn reads the source down its columns) and in
    /// bands of output rows on every core.
    func upright(_ image: RGBImage) -> RGBImage {
        guard (2...8).contains(value), !image.pixels.isEmpty else { return image }
        let (width, height) = (image.width, image.height)
        precondition(image.pixels.count == width * height * 3, "RGB pixel count does not match the size")
        let (start, across, down) = Self.walk(value, width: width, height: height)
        let outputWidth = swapsSides ? height : width
        let outputHeight = swapsSides ? width : height
        let count = outputWidth * outputHeight * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { output, initialised in
            image.pixels.withUnsafeBufferPointer { source in
                let (from, to) = (source.baseAddress!, output.baseAddress!)
                concurrentBands(outputHeight) { rows in
                    Self.copy(
                        rows, outputWidth: outputWidth, from: from, to: to, start: start, across: across, down: down)
                }
            }
            initialised = count
        }
        return RGBImage(width: outputWidth, height: outputHeight, pixels: pixels)
    }

    /// The source pixel of output (0, 0), and the source steps for one pixel right and one row down in the output.
    private static func walk(_ value: Int, width: Int, height: Int) -> (start: Int, across: Int, down: Int) {
        let last = width - 1
        let bottom = (height - 1) * width
        switch value {
        case 2: return (last, -1, width)
        case 3: return (bottom + last, -1, -width)
        case 4: return (bottom, 1, -width)
        case 5: return (0, width, 1)
        case 6: return (bottom, -width, 1)
        case 7: return (bottom + last, -width, -1)
        default: return (last, width, -1)
        }
    }

    /// Copies output rows `rows` in 32 × 32 tiles.
    private static func copy(
        _ rows: Range<Int>, outputWidth: Int, from source: UnsafePointer<UInt8>, to output: UnsafeMutablePointer<UInt8>,
        start: Int, across: Int, down: Int
    ) {
        let tile = 32
        for tileTop in stride(from: rows.lowerBound, to: rows.upperBound, by: tile) {
            let tileRows = tileTop..<min(tileTop + tile, rows.upperBound)
            for tileLeft in stride(from: 0, to: outputWidth, by: tile) {
                let tileColumns = tileLeft..<min(tileLeft + tile, outputWidth)
                for y in tileRows {
                    var from = start + y * down + tileLeft * across
                    var to = (y * outputWidth + tileLeft) * 3
                    for _ in tileColumns {
                        output[to] = source[from * 3]
                        output[to + 1] = source[from * 3 + 1]
                        output[to + 2] = source[from * 3 + 2]
                        from += across
                        to += 3
                    }
                }
            }
        }
    }
}

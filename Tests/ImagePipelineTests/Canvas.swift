import ImagePipeline

/// An RGB picture drawn pixel by pixel for synthetic test photos, colours in 0…255 rounded and clamped.
struct Canvas {
    let width: Int
    let height: Int
    private var pixels: [UInt8]

    /// A black canvas.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
    }

    /// Sets the pixel at `x`, `y`.
    mutating func put(_ x: Int, _ y: Int, _ colour: SIMD3<Double>) {
        let index = (y * width + x) * 3
        pixels[index] = UInt8(min(255, max(0, colour.x.rounded())))
        pixels[index + 1] = UInt8(min(255, max(0, colour.y.rounded())))
        pixels[index + 2] = UInt8(min(255, max(0, colour.z.rounded())))
    }

    /// Draws one line of glyph-like print in dark ink, 12 rows tall from `row`: from column `start`, words of 20–90
    /// px (lengths drawn from `random`) 14 px apart, each of 2-px strokes every 6 px, while a word starts before
    /// `wordsStartBefore`, nothing drawn at or past column `end`.
    mutating func drawPrintLine(row: Int, from start: Int, wordsStartBefore: Int, end: Int, random: inout SeededRandom) {
        var x = start
        while x < wordsStartBefore {
            let word = Int(random.next(in: 20...90))
            for stroke in stride(from: x, to: min(x + word, end), by: 6) {
                for y in row..<(row + 12) {
                    for column in stroke..<min(stroke + 2, end) { put(column, y, SIMD3(40, 35, 30)) }
                }
            }
            x += word + 14
        }
    }

    /// The picture drawn so far.
    var image: RGBImage { RGBImage(width: width, height: height, pixels: pixels) }
}

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

    /// How a line of glyph-like print looks: glyph height, stroke width and pitch, word lengths and gaps, ink.
    struct PrintStyle {
        var glyphHeight = 12
        var strokeWidth = 2
        var strokePitch = 6
        var wordLengths = 20...90
        var wordGap = 14
        var ink = SIMD3<Double>(40, 35, 30)
    }

    /// Draws one line of glyph-like print in `style` from `row`: from column `start`, words whose lengths are
    /// drawn from `random`, while a word starts before `wordsStartBefore`, nothing drawn at or past column `end`.
    mutating func drawPrintLine(
        row: Int, from start: Int, wordsStartBefore: Int, end: Int, style: PrintStyle = PrintStyle(),
        random: inout SeededRandom
    ) {
        var x = start
        while x < wordsStartBefore {
            let word = Int(random.next(in: Double(style.wordLengths.lowerBound)...Double(style.wordLengths.upperBound)))
            for stroke in stride(from: x, to: min(x + word, end), by: style.strokePitch) {
                for y in row..<(row + style.glyphHeight) {
                    for column in stroke..<min(stroke + style.strokeWidth, end) { put(column, y, style.ink) }
                }
            }
            x += word + style.wordGap
        }
    }

    /// The picture drawn so far.
    var image: RGBImage { RGBImage(width: width, height: height, pixels: pixels) }
}

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

    /// The picture drawn so far.
    var image: RGBImage { RGBImage(width: width, height: height, pixels: pixels) }
}

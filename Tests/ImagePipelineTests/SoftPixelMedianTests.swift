import ImagePipeline
import Testing

/// The median on a refined mask's soft pixels: isolated specks go, edges sharp or soft stay where they are, and
/// pixels at 0 or 255 never change.
@Suite("Soft-pixel median")
struct SoftPixelMedianTests {
    /// A mask from a function of the pixel's position.
    static func mask(width: Int, height: Int, _ value: (Int, Int) -> UInt8) -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                pixels[y * width + x] = value(x, y)
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    @Test("the median of five equals the middle of the sorted five, over every order and with ties")
    func medianOfFive() {
        var generator = SystemRandomNumberGenerator()
        var cases: [[UInt8]] = [[0, 0, 0, 0, 0], [255, 0, 255, 0, 128], [1, 2, 3, 4, 5], [7, 7, 3, 3, 5]]
        for _ in 0..<2_000 {
            cases.append((0..<5).map { _ in UInt8.random(in: 0...20, using: &generator) })
        }
        for values in cases {
            let middle = values.sorted()[2]
            for order in permutations(of: values) {
                #expect(SoftPixelMedian.medianOfFive(order[0], order[1], order[2], order[3], order[4]) == middle)
            }
        }
    }

    @Test("a speck of one or two soft pixels in a solid region takes the region's value")
    func specksGo() {
        let background = Self.mask(width: 16, height: 12) { x, y in (x == 5 && y == 5) || (x == 10 && (y == 6 || y == 7)) ? 180 : 0 }
        let foreground = Self.mask(width: 16, height: 12) { x, y in x == 8 && y == 3 ? 60 : 255 }
        #expect(SoftPixelMedian.filter(background).pixels.allSatisfy { $0 == 0 })
        #expect(SoftPixelMedian.filter(foreground).pixels.allSatisfy { $0 == 255 })
    }

    @Test("a sharp edge, a soft ramp, a diagonal edge and a soft line along the image's border stay as they are")
    func edgesStay() {
        let sharp = Self.mask(width: 20, height: 10) { x, _ in x < 9 ? 255 : x == 9 ? 128 : 0 }
        let ramp = Self.mask(width: 20, height: 10) { x, _ in UInt8(max(0, min(255, 255 - (x - 6) * 32))) }
        let diagonal = Self.mask(width: 24, height: 24) { x, y in x + y < 23 ? 255 : x + y == 23 ? 128 : 0 }
        let atBorder = Self.mask(width: 10, height: 10) { x, _ in x == 0 ? 100 : 0 }
        for mask in [sharp, ramp, diagonal, atBorder] {
            #expect(SoftPixelMedian.filter(mask) == mask)
        }
    }

    @Test("pixels at 0 or 255 keep their value next to any soft pixels; an empty mask passes through")
    func solidPixelsKept() {
        var generator = SystemRandomNumberGenerator()
        let noisy = Self.mask(width: 40, height: 30) { _, _ in
            [0, 255, UInt8.random(in: 1...254, using: &generator)][Int.random(in: 0..<3, using: &generator)]
        }
        let filtered = SoftPixelMedian.filter(noisy)
        for (before, after) in zip(noisy.pixels, filtered.pixels) where before == 0 || before == 255 {
            #expect(after == before)
        }
        let empty = GrayImage(width: 0, height: 0, pixels: [])
        #expect(SoftPixelMedian.filter(empty) == empty)
    }

    /// Every order of `values`.
    private func permutations(of values: [UInt8]) -> [[UInt8]] {
        guard values.count > 1 else { return [values] }
        return values.indices.flatMap { index in
            var rest = values
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}

import ImagePipeline
import Testing

/// The median on a refined mask's soft pixels: isolated specks go, edges sharp or soft stay where they are, pixels
/// at 0 or 255 never change, and every soft pixel gets the separable median of the mask as it was.
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

    /// A fixed scatter of 0, 255 and soft values, the same on every run.
    static func scattered(width: Int, height: Int) -> GrayImage {
        mask(width: width, height: height) { x, y in
            let hash = fixedScatter(x, y)
            let value = UInt8(truncatingIfNeeded: hash >> 7)
            return [0, 255, value][Int(UInt(bitPattern: hash) % 3)]
        }
    }

    /// The filter written the plain way: sort each clamped 5-pixel row, then the five row medians, reading only the
    /// mask as it was.
    static func reference(_ mask: GrayImage) -> GrayImage {
        let (width, height) = (mask.width, mask.height)
        return Self.mask(width: width, height: height) { x, y in
            let value = mask.pixels[y * width + x]
            guard value != 0, value != 255 else { return value }
            let rowMedians = (y - 2...y + 2).map { row in
                (x - 2...x + 2).map { column in
                    mask.pixels[min(max(row, 0), height - 1) * width + min(max(column, 0), width - 1)]
                }.sorted()[2]
            }
            return rowMedians.sorted()[2]
        }
    }

    @Test("the median with ties: soft values 1 to 5 and the two solid ones, scattered, at widths around the 32-pixel runs")
    func ties() {
        for width in [1, 2, 3, 4, 5, 33, 34, 35, 36, 37, 38, 67, 68, 69, 70, 101] {
            let mask = Self.mask(width: width, height: 9) { x, y in
                [0, 1, 2, 3, 4, 5, 255][Int(UInt(bitPattern: fixedScatter(x, y)) % 7)]
            }
            #expect(SoftPixelMedian.filter(mask) == Self.reference(mask), "width \(width)")
        }
    }

    @Test("a few soft pixels at the ends of 32-pixel runs and at the edges in a solid mask, each filtered alone")
    func sparseSoftPixels() {
        let (width, height) = (100, 7)
        let soft: Set<Int> = [0, 1, 2, 3, 33, 34, 35, 65, 66, 67, 96, 97, 98, 99]
        let mask = Self.mask(width: width, height: height) { x, y in
            soft.contains(x) && y % 3 == 0 ? UInt8(40 + x) : (x / 7 + y) % 2 == 0 ? 255 : 0
        }
        #expect(SoftPixelMedian.filter(mask) == Self.reference(mask))
    }

    @Test("every soft pixel gets the median of the mask as it was, in parallel bands, in masks one pixel wide or high")
    func matchesTheReference() {
        for (width, height) in [(97, 131), (1, 70), (70, 1), (1, 1), (3, 2)] {
            let mask = Self.scattered(width: width, height: height)
            #expect(SoftPixelMedian.filter(mask) == Self.reference(mask), "\(width) × \(height)")
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
        let scattered = Self.scattered(width: 40, height: 70)
        let filtered = SoftPixelMedian.filter(scattered)
        #expect(filtered != scattered)
        for (before, after) in zip(scattered.pixels, filtered.pixels) where before == 0 || before == 255 {
            #expect(after == before)
        }
        for empty in [GrayImage(width: 0, height: 0, pixels: []), GrayImage(width: 0, height: 5, pixels: [])] {
            #expect(SoftPixelMedian.filter(empty) == empty)
        }
    }
}

import CCompose

/// The seed service's brightness rule: the mean of `0.299 R + 0.587 G + 0.114 B` over the pixels whose alpha is
/// above zero (128 when there are none); below 128 the book goes on black, otherwise on white.
public enum Brightness {
    /// The value the rule uses when no pixel is opaque at all.
    public static let neutral = 128.0

    /// Mean luma of the photo over the pixels with non-zero alpha: exact integer sums of each channel, row by row
    /// in C (`bp_subject_row_sums`), bands of rows in parallel, weighted once at the end.
    public static func subjectBrightness(image: RGBImage, mask: GrayImage) -> Double {
        let rows = image.height
        let width = image.width
        var partials = [SIMD4<UInt64>](repeating: .zero, count: rows)
        image.pixels.withUnsafeBufferPointer { pixels in
            mask.pixels.withUnsafeBufferPointer { alpha in
                partials.withUnsafeMutableBufferPointer { partials in
                    let pixels = pixels.baseAddress!
                    let alpha = alpha.baseAddress!
                    let partials = partials.baseAddress!
                    concurrentRows(rows) { y in
                        var sums: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                        withUnsafeMutablePointer(to: &sums) { tuple in
                            tuple.withMemoryRebound(to: UInt64.self, capacity: 4) { sums in
                                bp_subject_row_sums(pixels + y * width * 3, alpha + y * width, Int32(width), sums)
                            }
                        }
                        partials[y] = SIMD4(sums.0, sums.1, sums.2, sums.3)
                    }
                }
            }
        }
        let sums = partials.reduce(SIMD4<UInt64>.zero, &+)
        guard sums[3] > 0 else { return neutral }
        return (0.299 * Double(sums[0]) + 0.587 * Double(sums[1]) + 0.114 * Double(sums[2])) / Double(sums[3])
    }

    /// Black for a brightness below 128, white otherwise.
    public static func background(forBrightness brightness: Double) -> RGBColour {
        brightness < neutral ? .black : .white
    }
}

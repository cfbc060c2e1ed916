import CCompose

/// The seed service's brightness rule: the mean of `0.299 R + 0.587 G + 0.114 B` over the pixels whose alpha is
/// above zero (128 when there are none); below 128 the book goes on black, otherwise on white.
public enum Brightness {
    /// The value the rule uses when no pixel is opaque at all.
    public static let neutral = 128.0

    /// Mean luma of the photo over the pixels with non-zero alpha: exact integer sums of each channel, row by row
    /// in C (`bp_subject_row_sums`, each row's four sums in their own place), bands of rows in parallel, weighted once
    /// at the end.
    public static func subjectBrightness(image: RGBImage, mask: GrayImage) -> Double {
        let rows = image.height
        let width = image.width
        var partials = [UInt64](repeating: 0, count: rows * 4)
        image.pixels.withUnsafeBufferPointer { pixels in
            mask.pixels.withUnsafeBufferPointer { alpha in
                partials.withUnsafeMutableBufferPointer { partials in
                    let (pixels, alpha, partials) = (pixels.baseAddress!, alpha.baseAddress!, partials.baseAddress!)
                    concurrentRows(rows) { y in
                        bp_subject_row_sums(pixels + y * width * 3, alpha + y * width, Int32(width), partials + y * 4)
                    }
                }
            }
        }
        let sums = (0..<4).map { index in
            stride(from: index, to: partials.count, by: 4).reduce(0) { $0 + partials[$1] }
        }
        guard sums[3] > 0 else { return neutral }
        return (0.299 * Double(sums[0]) + 0.587 * Double(sums[1]) + 0.114 * Double(sums[2])) / Double(sums[3])
    }

    /// Black for a brightness below 128, white otherwise.
    public static func background(forBrightness brightness: Double) -> RGBColour {
        brightness < neutral ? .black : .white
    }
}

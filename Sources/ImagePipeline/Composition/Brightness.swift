/// The seed service's brightness rule: the mean of `0.299 R + 0.587 G + 0.114 B` over the pixels whose alpha is
/// above zero (128 when there are none); below 128 the book goes on black, otherwise on white.
public enum Brightness {
    /// The value the rule uses when no pixel is opaque at all.
    public static let neutral = 128.0

    /// Mean luma of the photo over the pixels with non-zero alpha.
    public static func subjectBrightness(image: RGBImage, mask: GrayImage) -> Double {
        var total = 0.0
        var count = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            mask.pixels.withUnsafeBufferPointer { alpha in
                for index in 0..<alpha.count where alpha[index] > 0 {
                    let base = index * 3
                    total += 0.299 * Double(pixels[base]) + 0.587 * Double(pixels[base + 1])
                        + 0.114 * Double(pixels[base + 2])
                    count += 1
                }
            }
        }
        return count == 0 ? neutral : total / Double(count)
    }

    /// Black for a brightness below 128, white otherwise.
    public static func background(forBrightness brightness: Double) -> RGBColour {
        brightness < neutral ? .black : .white
    }
}

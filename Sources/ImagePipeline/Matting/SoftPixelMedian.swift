/// Removes the speckle that the colour model of ``EdgeRefinement`` leaves in a refined mask: where the guide's
/// colours are noisy (sensor noise, JPEG blocks, print near the edge), `a · colour + b` crosses 0.5 in isolated
/// pixels, which roughens the mask's outline. Each soft pixel (strictly between 0 and 255) takes the separable 5 × 5
/// median of the mask around it — the median of the five horizontal 5-pixel medians in its column — an
/// edge-preserving filter that keeps a sharp or soft edge where it is and leaves the mask's solid parts untouched.
public enum SoftPixelMedian {
    /// The filtered mask; pixels at 0 or 255 keep their value, and the neighbourhood of a pixel near the border is
    /// clamped to the image (so a soft line along the border stays, as an edge would).
    public static func filter(_ mask: GrayImage) -> GrayImage {
        let (width, height) = (mask.width, mask.height)
        guard width > 0, height > 0 else { return mask }
        var filtered = mask.pixels
        mask.pixels.withUnsafeBufferPointer { source in
            filtered.withUnsafeMutableBufferPointer { output in
                let (source, output) = (source.baseAddress!, output.baseAddress!)
                concurrentRows(height) { y in
                    let rowStarts = (-2...2).map { offset in min(max(y + offset, 0), height - 1) * width }
                    for x in 0..<width {
                        let value = source[y * width + x]
                        guard value != 0, value != 255 else { continue }
                        let columns = (max(x - 2, 0), max(x - 1, 0), x, min(x + 1, width - 1), min(x + 2, width - 1))
                        func rowMedian(_ start: Int) -> UInt8 {
                            medianOfFive(
                                source[start + columns.0], source[start + columns.1], source[start + columns.2],
                                source[start + columns.3], source[start + columns.4])
                        }
                        output[y * width + x] = medianOfFive(
                            rowMedian(rowStarts[0]), rowMedian(rowStarts[1]), rowMedian(rowStarts[2]),
                            rowMedian(rowStarts[3]), rowMedian(rowStarts[4]))
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: filtered)
    }

    /// The median of five values, by six comparisons: the lower of the two sorted pairs' minima lies at or below
    /// three other values and cannot be the only median, so the median is the second smallest of the four left.
    public static func medianOfFive(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8) -> UInt8 {
        let (lowAB, highAB) = (min(a, b), max(a, b))
        let (lowCD, highCD) = (min(c, d), max(c, d))
        let (pairLow, pairHigh, single) = lowAB < lowCD ? (lowCD, highCD, highAB) : (lowAB, highAB, highCD)
        let (otherLow, otherHigh) = (min(single, e), max(single, e))
        return pairLow < otherLow ? min(pairHigh, otherLow) : min(pairLow, otherHigh)
    }
}

import CCompose

/// Removes the speckle that the colour model of ``EdgeRefinement`` leaves in a refined mask: where the guide's
/// colours are noisy (sensor noise, JPEG blocks, print near the edge), `a · colour + b` crosses 0.5 in isolated
/// pixels, which roughens the mask's outline. Each soft pixel (strictly between 0 and 255) takes the separable 5 × 5
/// median of the mask around it — the median of the five horizontal 5-pixel medians in its column, computed in C
/// (`bp_soft_median_rows`) — an edge-preserving filter that keeps a sharp or soft edge where it is and leaves the
/// mask's solid parts untouched.
public enum SoftPixelMedian {
    /// The filtered mask; pixels at 0 or 255 keep their value, and the neighbourhood of a pixel near the border is
    /// clamped to the image (so a soft line along the border stays, as an edge would).
    public static func filter(_ mask: GrayImage) -> GrayImage {
        let (width, height) = (mask.width, mask.height)
        guard width > 0, height > 0 else { return mask }
        var filtered = [UInt8](repeating: 0, count: mask.pixels.count)
        mask.pixels.withUnsafeBufferPointer { source in
            filtered.withUnsafeMutableBufferPointer { output in
                let (source, output) = (source.baseAddress!, output.baseAddress!)
                concurrentBands(height) { rows in
                    bp_soft_median_rows(
                        source, output, Int32(width), Int32(height), Int32(rows.lowerBound), Int32(rows.upperBound))
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: filtered)
    }
}

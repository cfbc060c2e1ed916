/// An EXIF orientation (1–8): how a picture is stored relative to upright. libvips already clips the tag into 1–8
/// when it reads a header; any other value given here counts as upright. The turn itself is done as libvips
/// computes the picture (`bp_vips_copy_pixels`), exactly as libvips's `autorot` would turn it.
struct ExifOrientation: Sendable, Equatable {
    /// The tag's value.
    let value: Int

    /// The value the C copy takes: the tag, or 1 for values outside 1–8.
    var tag: Int32 { (1...8).contains(value) ? Int32(value) : 1 }

    /// Whether upright swaps width and height (orientations 5 to 8 turn by a quarter).
    var swapsSides: Bool { (5...8).contains(value) }

    /// The upright picture of `pixels`, already turned, of a picture stored `storedWidth × storedHeight`.
    func upright(storedWidth: Int, storedHeight: Int, pixels: [UInt8]) -> RGBImage {
        swapsSides
            ? RGBImage(width: storedHeight, height: storedWidth, pixels: pixels)
            : RGBImage(width: storedWidth, height: storedHeight, pixels: pixels)
    }
}

import CVipsShim

/// What an encoded image's header promises, read without decoding its pixels.
public struct ImageHeader: Sendable, Equatable {
    /// Width in pixels as stored (before EXIF rotation).
    public let width: Int
    /// Height in pixels as stored (of the first frame for animations).
    public let height: Int
    /// Number of bands (3 for RGB, 4 for RGBA or CMYK, 1 for grey…).
    public let bands: Int
    /// Number of frames or pages.
    public let pages: Int
    /// EXIF orientation, 1 when upright.
    public let orientation: Int
    /// Bits per sample (8 or 16).
    public let bitsPerSample: Int
    /// The libvips loader that recognised the data, for example `jpegload_buffer`.
    public let loader: String

    /// Reads the header of `data`; throws a named error for empty, unrecognised or corrupt data.
    public static func read(_ data: [UInt8]) throws(ImageError) -> ImageHeader {
        guard !data.isEmpty else { throw .empty }
        try VipsHandle.start()
        var header = bp_header()
        let status = data.withUnsafeBytes { raw in bp_vips_read_header(raw.baseAddress, raw.count, &header) }
        guard status != BP_VIPS_UNRECOGNISED else { throw .unrecognisedFormat }
        guard status == 0 else { throw .corrupt(VipsHandle.takeError()) }
        let loader = withUnsafeBytes(of: header.loader) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return ImageHeader(
            width: Int(header.width),
            height: Int(header.height),
            bands: Int(header.bands),
            pages: Int(header.pages),
            orientation: Int(header.orientation),
            bitsPerSample: Int(header.bits_per_sample),
            loader: loader
        )
    }
}

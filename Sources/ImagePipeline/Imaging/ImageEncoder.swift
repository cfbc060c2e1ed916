import CVipsShim

/// Encodes 8-bit pictures as PNG, JPEG or WebP through libvips.
public struct ImageEncoder: Sendable {
    /// zlib level for PNG (0–9); lower is faster and larger.
    public var pngCompression: Int
    /// Quality for JPEG and lossy WebP (1–100).
    public var quality: Int

    /// An encoder with the given settings (defaults: PNG level 6, quality 85).
    public init(pngCompression: Int = 6, quality: Int = 85) {
        self.pngCompression = pngCompression
        self.quality = quality
    }

    /// Encodes interleaved samples with 1 (grey), 3 (RGB) or 4 (RGBA) bands.
    public func encode(
        pixels: [UInt8], width: Int, height: Int, bands: Int, as format: ImageFormat
    ) throws(ImageError) -> [UInt8] {
        if bands == 4, !format.supportsTransparency {
            throw .unsupportedOutput("\(format.rawValue) cannot hold transparency; choose png or webp")
        }
        try VipsHandle.start()
        let image = try VipsHandle.fromPixels(pixels, width: width, height: height, bands: bands)
        return try write(image, as: format)
    }

    /// Encodes an RGB picture.
    public func encode(_ image: RGBImage, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, width: image.width, height: image.height, bands: 3, as: format)
    }

    /// Encodes a grey picture (a mask, for example).
    public func encode(_ image: GrayImage, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, width: image.width, height: image.height, bands: 1, as: format)
    }

    /// Shrinks an RGB picture to fit within `box × box` (never enlarging) and encodes it.
    public func thumbnail(_ image: RGBImage, fitting box: Int, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        try VipsHandle.start()
        let source = try VipsHandle.fromPixels(image.pixels, width: image.width, height: image.height, bands: 3)
        let scale = min(1, Double(box) / Double(max(image.width, image.height)))
        guard scale < 1 else { return try write(source, as: format) }
        let targetWidth = max(1, Int((Double(image.width) * scale).rounded()))
        let targetHeight = max(1, Int((Double(image.height) * scale).rounded()))
        var resized: OpaquePointer?
        let status = bp_vips_resize(
            source.pointer, Double(targetWidth) / Double(image.width), Double(targetHeight) / Double(image.height), &resized)
        guard status == 0, let resized else { throw .encodingFailed(VipsHandle.takeError()) }
        return try write(VipsHandle(resized), as: format)
    }

    private func write(_ image: VipsHandle, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32 = switch format {
        case .png: bp_vips_encode_png(image.pointer, Int32(pngCompression), &buffer, &length)
        case .jpeg: bp_vips_encode_jpeg(image.pointer, Int32(quality), &buffer, &length)
        case .webp: bp_vips_encode_webp(image.pointer, Int32(quality), image.bands == 4 ? 1 : 0, &buffer, &length)
        }
        guard status == 0, let buffer else { throw .encodingFailed(VipsHandle.takeError()) }
        defer { bp_vips_free_buffer(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }
}

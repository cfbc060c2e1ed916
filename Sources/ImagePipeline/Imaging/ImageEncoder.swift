import CVipsShim
import Foundation

/// Encodes 8-bit pictures: PNG with our own strip-parallel writer (ISA-L or zlib on every core), JPEG and WebP
/// through libvips.
public struct ImageEncoder: Sendable {
    /// Compression level for PNG (0–9): 1 by ISA-L, the others by zlib; lower is faster and larger.
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
        if format == .png {
            return try encodePNG(pixels: pixels, width: width, height: height, bands: bands)
        }
        try VipsHandle.start()
        return try write(VipsHandle.fromPixels(pixels, width: width, height: height, bands: bands), as: format)
    }

    /// Encodes an RGB picture.
    public func encode(_ image: RGBImage, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, width: image.width, height: image.height, bands: 3, as: format)
    }

    /// Encodes a grey picture (a mask, for example).
    public func encode(_ image: GrayImage, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, width: image.width, height: image.height, bands: 1, as: format)
    }

    /// Shrinks an RGB picture to fit within `box × box` (never enlarging) and encodes it: block averages by a
    /// whole factor down to about twice the target size, then Lanczos-3 in libvips for the rest.
    public func thumbnail(_ image: RGBImage, fitting box: Int, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        let longSide = max(image.width, image.height)
        guard box < longSide else { return try encode(image, as: format) }
        let reduced = BlockReduction.reduce(image, by: max(1, longSide / (2 * box)))
        let scale = Double(box) / Double(longSide)
        let targetWidth = max(1, Int((Double(image.width) * scale).rounded()))
        let targetHeight = max(1, Int((Double(image.height) * scale).rounded()))
        try VipsHandle.start()
        let source = try VipsHandle.fromPixels(reduced.pixels, width: reduced.width, height: reduced.height, bands: 3)
        var resized: OpaquePointer?
        let status = bp_vips_resize(
            source.pointer, Double(targetWidth) / Double(reduced.width), Double(targetHeight) / Double(reduced.height),
            &resized)
        guard status == 0, let resized else { throw .encodingFailed(VipsHandle.takeError()) }
        return try write(VipsHandle(resized), as: format)
    }

    /// PNG through `PNGWriter`: for pictures large enough to gain from it, eight strips per core (strips of flat
    /// background compress faster than strips of detail) taken by one thread per core.
    private func encodePNG(pixels: [UInt8], width: Int, height: Int, bands: Int) throws(ImageError) -> [UInt8] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let strips = pixels.count < 1 << 20 ? 1 : max(1, min(8 * cores, height / 64))
        return try PNGWriter.encode(
            pixels, width: width, height: height, bands: bands, level: pngCompression, strips: strips, threads: cores)
    }

    private func write(_ image: VipsHandle, as format: ImageFormat) throws(ImageError) -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .png:
            return try encodePNG(pixels: image.pixels(), width: image.width, height: image.height, bands: image.bands)
        case .jpeg:
            status = bp_vips_encode_jpeg(image.pointer, Int32(quality), &buffer, &length)
        case .webp:
            status = bp_vips_encode_webp(image.pointer, Int32(quality), image.bands == 4 ? 1 : 0, &buffer, &length)
        }
        guard status == 0, let buffer else { throw .encodingFailed(VipsHandle.takeError()) }
        defer { bp_vips_free_buffer(buffer) }
        return [UInt8](UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: length))
    }
}

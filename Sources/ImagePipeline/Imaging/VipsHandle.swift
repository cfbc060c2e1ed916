import CVipsShim

/// Owns one libvips image handle and releases it when dropped.
final class VipsHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        bp_vips_release(pointer)
    }

    var width: Int { Int(bp_vips_width(pointer)) }
    var height: Int { Int(bp_vips_height(pointer)) }
    var bands: Int { Int(bp_vips_bands(pointer)) }

    /// Starts libvips once for the process.
    static func start() throws(ImageError) {
        if bp_vips_start(0) != 0 {
            throw .corrupt("libvips could not start: \(takeError())")
        }
    }

    /// The last libvips error message, cleared afterwards.
    static func takeError() -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        bp_vips_take_error(&buffer, buffer.count)
        let message = String(nulTerminated: buffer)
        return message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown libvips error"
    }

    /// Wraps interleaved 8-bit samples (1, 3 or 4 bands).
    static func fromPixels(_ pixels: [UInt8], width: Int, height: Int, bands: Int) throws(ImageError) -> VipsHandle {
        var image: OpaquePointer?
        let status = pixels.withUnsafeBytes { raw in
            bp_vips_from_pixels(raw.baseAddress, Int32(width), Int32(height), Int32(bands), &image)
        }
        guard status == 0, let image else { throw .encodingFailed(takeError()) }
        return VipsHandle(image)
    }

    /// The image as three 8-bit sRGB bands (CMYK, grey and 16-bit converted, alpha dropped), not turned.
    func srgb8() throws(ImageError) -> VipsHandle {
        var converted: OpaquePointer?
        guard bp_vips_to_srgb8(pointer, &converted) == 0, let converted else { throw .corrupt(Self.takeError()) }
        return VipsHandle(converted)
    }

    /// Copies the 8-bit samples out of the image, turned upright for EXIF `orientation` (its sides swapped for 5–8,
    /// see ``ExifOrientation``) as they are computed.
    func pixels(upright orientation: ExifOrientation = ExifOrientation(value: 1)) throws(ImageError) -> [UInt8] {
        let count = width * height * bands
        var status: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            status = bp_vips_copy_pixels(pointer, orientation.tag, buffer.baseAddress, count)
            initialised = status == 0 ? count : 0
        }
        guard status == 0 else { throw .corrupt(Self.takeError()) }
        return pixels
    }
}

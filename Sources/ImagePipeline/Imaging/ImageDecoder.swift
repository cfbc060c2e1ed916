import CVipsShim
import Foundation

/// Turns encoded photo bytes into an upright 8-bit sRGB picture, refusing hostile input before decoding it.
public struct ImageDecoder: Sendable {
    /// The limits applied to every photo.
    public var limits: ImageLimits
    /// How many bands a JPEG with restart markers is decoded in at once: one per core; 1 decodes every picture whole.
    var restartBands = ProcessInfo.processInfo.activeProcessorCount

    /// A decoder with the given limits.
    public init(limits: ImageLimits = ImageLimits()) {
        self.limits = limits
    }

    /// The decoded picture and what its header said.
    public struct Decoded: Sendable {
        /// The upright sRGB picture (alpha, if any, dropped as rembg does).
        public let image: RGBImage
        /// The header as read before decoding.
        public let header: ImageHeader
        /// Whether the picture was shrunk on load to fit the limits.
        public let shrunk: Bool
    }

    /// Decodes `data`: checks byte size, reads the header, refuses or shrinks oversized pictures, then decodes the
    /// first frame, applies the EXIF orientation and converts CMYK, grey, 16-bit and alpha pictures to 8-bit sRGB.
    /// An upright 8-bit RGB or RGBA PNG that fits is read by `PNGReader`, which also refuses any PNG whose image data
    /// cannot be read whole; libvips takes every other photo.
    public func decode(_ data: [UInt8]) throws(ImageError) -> Decoded {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= limits.maxFileBytes else { throw .fileTooLarge(bytes: data.count, limit: limits.maxFileBytes) }
        let header = try ImageHeader.read(data)
        if limits.isBomb(width: header.width, height: header.height) {
            throw .decompressionBomb(
                width: header.width, height: header.height, maxMegapixels: max(limits.bombMegapixels, limits.maxMegapixels))
        }
        let fits = limits.admits(width: header.width, height: header.height)
        if !fits, limits.oversize == .refuse {
            throw .dimensionsTooLarge(
                width: header.width, height: header.height, maxSide: limits.maxSide, maxMegapixels: limits.maxMegapixels)
        }
        let image: RGBImage
        let pngOutcome =
            header.loader == "pngload_buffer"
            ? PNGReader.read(data, width: header.width, height: header.height, decoding: fits && header.orientation == 1)
            : .declined
        switch pngOutcome {
        case let .decoded(read): image = read
        case let .damaged(reason): throw .corrupt(reason)
        case .declined: image = try decodeWithLibvips(data, header: header, fits: fits)
        }
        if !limits.admits(width: image.width, height: image.height), limits.oversize == .refuse {
            throw .dimensionsTooLarge(
                width: image.width, height: image.height, maxSide: limits.maxSide, maxMegapixels: limits.maxMegapixels)
        }
        return Decoded(image: image, header: header, shrunk: !fits)
    }

    /// Decodes `data` with libvips and brings it upright to 8-bit sRGB. A JPEG that fits and has restart markers at
    /// its MCU rows, as phone cameras write them, is decoded in bands, one per core
    /// (``decodeInRestartBands(_:header:)``). Any other picture that fits is read once, top to bottom,
    /// straight into our buffer, each strip put in its upright place as it is computed (libvips's own turn needs
    /// the whole picture decoded into memory first, which took the 12-megapixel phone photo 100–107 ms against 54 +
    /// the turn); one that does not fit is shrunk on load and turned by libvips's thumbnail.
    func decodeWithLibvips(_ data: [UInt8], header: ImageHeader, fits: Bool) throws(ImageError) -> RGBImage {
        if fits, header.loader == "jpegload_buffer", let image = decodeInRestartBands(data, header: header) {
            return image
        }
        var loaded: OpaquePointer?
        let status = data.withUnsafeBytes { raw -> Int32 in
            if fits {
                return bp_vips_decode(raw.baseAddress, raw.count, &loaded)
            }
            let target = limits.fittingSize(width: header.width, height: header.height)
            let box = max(target.width, target.height)
            return bp_vips_decode_fitting(raw.baseAddress, raw.count, Int32(box), Int32(box), &loaded)
        }
        guard status == 0, let loaded else { throw .corrupt(VipsHandle.takeError()) }
        let stored = try VipsHandle(loaded).srgb8()
        let orientation = ExifOrientation(value: fits ? header.orientation : 1)
        let pixels = try stored.pixels(upright: orientation)
        return orientation.upright(storedWidth: stored.width, storedHeight: stored.height, pixels: pixels)
    }
}

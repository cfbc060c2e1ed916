import CPNG

/// Our reader for the PNG layout photos almost always have (`Sources/CPNG/CPNGDecode.c`): 8-bit RGB or RGBA, not
/// interlaced, inflated in one call with libdeflate. It gives the samples libvips gives, in about half its time.
/// It also checks each PNG's image data whole (up to 256 MiB of it inflated), since libvips 8.14 can return a
/// damaged PNG's picture with rows it never wrote instead of an error.
enum PNGReader {
    /// What the reader made of a file.
    enum Outcome: Equatable {
        /// The upright RGB picture, alpha dropped.
        case decoded(RGBImage)
        /// Not a file the reader decodes, and not found damaged: libvips should decode it.
        case declined
        /// The image data cannot be read whole; the reason.
        case damaged(String)
    }

    /// The most RGB samples the reader writes (1 GiB); a larger picture is only checked.
    static let largestDecodedSamples = 1 << 30

    /// Reads `data`, a PNG whose header says `width × height`. It decodes only when `decoding` is true (the file
    /// is upright and needs no shrinking), but checks the image data of every layout either way, up to 256 MiB of
    /// it inflated.
    static func read(_ data: [UInt8], width: Int, height: Int, decoding: Bool = true) -> Outcome {
        guard let columns = Int32(exactly: width), let rows = Int32(exactly: height), columns > 0, rows > 0 else {
            return .declined
        }
        let decodes = decoding && width <= Self.largestDecodedSamples / 3 / height
        var status = Int32(BP_PNG_DECLINED)
        var message = [CChar](repeating: 0, count: 128)
        let pixels = [UInt8](unsafeUninitializedCapacity: decodes ? width * height * 3 : 0) { buffer, initialised in
            status = data.withUnsafeBufferPointer { file in
                bp_png_decode_rgb8(
                    file.baseAddress, file.count, columns, rows, buffer.baseAddress, buffer.count,
                    &message, message.count)
            }
            initialised = Int(status) == Int(BP_PNG_DECODED) ? buffer.count : 0
        }
        switch Int(status) {
        case Int(BP_PNG_DECODED): return .decoded(RGBImage(width: width, height: height, pixels: pixels))
        case Int(BP_PNG_DAMAGED): return .damaged(String(nulTerminated: message))
        default: return .declined
        }
    }
}

import CPNG

/// Our strip-parallel PNG writer (`Sources/CPNG`) for Swift: rows split into strips that are deflated on several
/// threads and joined into one ordinary zlib stream.
public enum PNGWriter {
    /// `pixels` (`width × height × bands` interleaved samples; 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA) as a PNG
    /// file at zlib `level`, its rows split into `strips` strips taken by `threads` threads. The strips are joined
    /// straight into the returned array, which is made once their length is known.
    public static func encode(
        _ pixels: [UInt8], width: Int, height: Int, bands: Int, level: Int, strips: Int, threads: Int
    ) throws(ImageError) -> [UInt8] {
        precondition(pixels.count == width * height * bands, "sample count does not match the size")
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let encoding = pixels.withUnsafeBufferPointer { samples in
            bp_png_compress(
                samples.baseAddress, Int32(width), Int32(height), Int32(bands), Int32(level), Int32(strips),
                Int32(threads), &length, &message, message.count)
        }
        guard let encoding else { throw .encodingFailed(String(nulTerminated: message)) }
        return [UInt8](unsafeUninitializedCapacity: length) { file, initialised in
            bp_png_write(encoding, file.baseAddress)
            initialised = length
        }
    }
}

import CPNG

/// Our strip-parallel PNG writer (`Sources/CPNG`) for Swift: rows split into strips that are deflated on several
/// threads and joined into one ordinary zlib stream.
public enum PNGWriter {
    /// `pixels` (`width × height × bands` interleaved samples; 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA) as a PNG
    /// file at zlib `level`, its rows split into `strips` strips taken by `threads` threads.
    public static func encode(
        _ pixels: [UInt8], width: Int, height: Int, bands: Int, level: Int, strips: Int, threads: Int
    ) throws(ImageError) -> [UInt8] {
        precondition(pixels.count == width * height * bands, "sample count does not match the size")
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { samples in
            bp_png_encode(
                samples.baseAddress, Int32(width), Int32(height), Int32(bands), Int32(level), Int32(strips),
                Int32(threads), &buffer, &length, &message, message.count)
        }
        guard status == 0, let buffer else { throw .encodingFailed(String(nulTerminated: message)) }
        defer { bp_png_free(buffer) }
        return [UInt8](UnsafeBufferPointer(start: buffer, count: length))
    }
}

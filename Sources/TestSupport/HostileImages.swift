/// Byte strings that look like images to a quick check and are not what they claim, for hostile-input tests.
public enum HostileImages {
    /// A valid PNG signature and IHDR chunk that claims `width × height`, followed by nothing useful.
    public static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        let body: [UInt8] = Array("IHDR".utf8) + bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        let idat: [UInt8] = bigEndian(2) + Array("IDAT".utf8) + [0x78, 0x9C] + bigEndian(0)
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + body + bigEndian(crc32(body)) + idat
    }

    /// The first `count` bytes of `bytes`: a file cut short.
    public static func truncated(_ bytes: [UInt8], to count: Int) -> [UInt8] {
        Array(bytes.prefix(count))
    }

    /// An HTML page, as a sales site returns for a missing photo.
    public static let htmlPage = Array("<!DOCTYPE html><html><body>Not found</body></html>".utf8)

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

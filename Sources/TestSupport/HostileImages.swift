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

    /// Files that Debian's libvips can open with a loader Bookplate never lets near an upload (librsvg, poppler,
    /// ImageMagick), each a small picture a permissive decoder would accept.
    public static let otherFormats: [(name: String, bytes: [UInt8])] = [
        ("SVG", Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200"/></svg>"#.utf8)),
        ("PDF", Array("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)),
        ("PPM", Array("P6\n200 200\n255\n".utf8) + [UInt8](repeating: 128, count: 200 * 200 * 3)),
        ("BMP", bitmap(width: 200, height: 200)),
    ]

    /// An uncompressed 24-bit Windows bitmap of mid grey.
    private static func bitmap(width: UInt32, height: UInt32) -> [UInt8] {
        let rowBytes = (width * 3 + 3) / 4 * 4
        let pixelBytes = rowBytes * height
        let fileHeader: [UInt8] = Array("BM".utf8) + littleEndian(54 + pixelBytes) + [0, 0, 0, 0] + littleEndian(54)
        let infoHeader: [UInt8] = littleEndian(40) + littleEndian(width) + littleEndian(height) + [1, 0, 24, 0]
            + littleEndian(0) + littleEndian(pixelBytes) + littleEndian(2835) + littleEndian(2835) + littleEndian(0)
            + littleEndian(0)
        return fileHeader + infoHeader + [UInt8](repeating: 128, count: Int(pixelBytes))
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

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

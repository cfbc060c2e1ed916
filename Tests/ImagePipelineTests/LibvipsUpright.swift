import CVipsTestImages
import Testing

@testable import ImagePipeline

/// libvips's own decode of the whole picture in `data`, turned upright by its `autorot`: the reference for our
/// turn and for the decode in restart bands.
func libvipsUpright(_ data: [UInt8]) throws -> RGBImage {
    var width: Int32 = 0
    var height: Int32 = 0
    var pixels: UnsafeMutableRawPointer?
    let status = data.withUnsafeBytes { raw in
        bp_test_libvips_upright(raw.baseAddress, raw.count, &width, &height, &pixels)
    }
    try #require(status == 0 && pixels != nil)
    defer { bp_test_free(pixels) }
    let samples = [UInt8](UnsafeRawBufferPointer(start: pixels, count: Int(width) * Int(height) * 3))
    return RGBImage(width: Int(width), height: Int(height), pixels: samples)
}

import Testing

@testable import ImagePipeline

/// The box around a mask's subject, found from both ends of each row, against the box of every pixel at or above
/// the threshold counted one by one.
@Suite("Subject box")
struct SubjectBoxTests {
    /// The box of every pixel at or above `threshold`, the plain way.
    static func reference(_ mask: GrayImage, threshold: UInt8) -> SubjectBox? {
        var points: [(x: Int, y: Int)] = []
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask.pixels[y * mask.width + x] >= threshold {
                points.append((x, y))
            }
        }
        guard let left = points.map(\.x).min(), let right = points.map(\.x).max(), let top = points.map(\.y).min(),
            let bottom = points.map(\.y).max()
        else { return nil }
        return SubjectBox(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    @Test("a pixel alone at every column of rows 1 to 40 wide, scattered pixels, corners, a threshold met exactly")
    func matchesTheReference() {
        for (width, column) in (1...40).flatMap({ width in (0..<width).map { (width, $0) } }) {
            var pixels = [UInt8](repeating: 127, count: width * 3)
            pixels[width + column] = 128
            let mask = GrayImage(width: width, height: 3, pixels: pixels)
            #expect(SubjectBox.around(mask, threshold: 128) == SubjectBox(x: column, y: 1, width: 1, height: 1))
        }
        let (width, height) = (41, 23)
        var masks: [GrayImage] = []
        for corner in [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1), (width - 1, 11)] {
            var pixels = [UInt8](repeating: 0, count: width * height)
            pixels[corner.1 * width + corner.0] = 128
            masks.append(GrayImage(width: width, height: height, pixels: pixels))
        }
        for seed in 0..<20 {
            let pixels = (0..<(width * height)).map { index in
                UInt8(truncatingIfNeeded: fixedScatter(index, seed)) % 7 == 0 ? UInt8(127 + seed % 3) : 0
            }
            masks.append(GrayImage(width: width, height: height, pixels: pixels))
        }
        for mask in masks {
            #expect(SubjectBox.around(mask, threshold: 128) == Self.reference(mask, threshold: 128))
        }
    }

    @Test("no pixel at the threshold, and an empty mask, have no box")
    func noSubject() {
        #expect(SubjectBox.around(GrayImage(width: 9, height: 4, pixels: [UInt8](repeating: 127, count: 36)), threshold: 128) == nil)
        #expect(SubjectBox.around(GrayImage(width: 0, height: 0, pixels: []), threshold: 128) == nil)
    }
}

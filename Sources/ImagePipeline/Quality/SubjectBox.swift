/// The axis-aligned rectangle around the mask's pixels at or above a threshold.
public struct SubjectBox: Sendable, Equatable, Codable {
    /// Left edge in pixels.
    public var x: Int
    /// Top edge in pixels.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A box from its position and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The box around every mask pixel `>= threshold`, or nil when there is none.
    public static func around(_ mask: GrayImage, threshold: UInt8) -> SubjectBox? {
        var minX = Int.max
        var minY = Int.max
        var maxX = -1
        var maxY = -1
        mask.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<mask.height {
                let row = y * mask.width
                var first = 0
                while first < mask.width && pixels[row + first] < threshold { first += 1 }
                guard first < mask.width else { continue }
                var last = mask.width - 1
                while pixels[row + last] < threshold { last -= 1 }
                minX = min(minX, first)
                maxX = max(maxX, last)
                minY = min(minY, y)
                maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return SubjectBox(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// The box grown by `margin` on every side, kept inside a `width × height` picture.
    public func expanded(by margin: Int, within width: Int, height: Int) -> SubjectBox {
        let left = max(0, x - margin)
        let top = max(0, y - margin)
        let right = min(width, x + self.width + margin)
        let bottom = min(height, y + self.height + margin)
        return SubjectBox(x: left, y: top, width: right - left, height: bottom - top)
    }
}

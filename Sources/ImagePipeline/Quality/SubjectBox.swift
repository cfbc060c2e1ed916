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

    /// The box around every mask pixel `>= threshold`, or nil when there is none. Each row is searched from both
    /// ends for its first and last such pixel, sixteen samples at a time.
    public static func around(_ mask: GrayImage, threshold: UInt8) -> SubjectBox? {
        var minX = Int.max
        var minY = Int.max
        var maxX = -1
        var maxY = -1
        let width = mask.width
        mask.pixels.withUnsafeBufferPointer { pixels in
            guard let start = pixels.baseAddress else { return }
            for y in 0..<mask.height {
                let row = start + y * width
                let first = firstColumn(of: row, width: width, atLeast: threshold)
                guard first < width else { continue }
                minX = min(minX, first)
                maxX = max(maxX, lastColumn(of: row, width: width, atLeast: threshold))
                minY = min(minY, y)
                maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return SubjectBox(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// The first column of `row` whose sample is `>= threshold`; `width` when there is none.
    private static func firstColumn(of row: UnsafePointer<UInt8>, width: Int, atLeast threshold: UInt8) -> Int {
        let wanted = SIMD16<UInt8>(repeating: threshold)
        var column = 0
        while column + 16 <= width {
            if any(UnsafeRawPointer(row + column).loadUnaligned(as: SIMD16<UInt8>.self) .>= wanted) { break }
            column += 16
        }
        while column < width && row[column] < threshold { column += 1 }
        return column
    }

    /// The last column of `row` whose sample is `>= threshold`; -1 when there is none.
    private static func lastColumn(of row: UnsafePointer<UInt8>, width: Int, atLeast threshold: UInt8) -> Int {
        let wanted = SIMD16<UInt8>(repeating: threshold)
        var end = width
        while end >= 16 {
            if any(UnsafeRawPointer(row + end - 16).loadUnaligned(as: SIMD16<UInt8>.self) .>= wanted) { break }
            end -= 16
        }
        var column = end - 1
        while column >= 0 && row[column] < threshold { column -= 1 }
        return column
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

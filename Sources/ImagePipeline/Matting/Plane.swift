/// A single-channel floating-point picture used by the matting filters.
struct Plane {
    let width: Int
    let height: Int
    var values: [Float]

    init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height)
        self.width = width
        self.height = height
        self.values = values
    }

    init(width: Int, height: Int, repeating value: Float = 0) {
        self.init(width: width, height: height, values: [Float](repeating: value, count: width * height))
    }

    /// Bilinear sample at a position given in this plane's pixel-centre coordinates.
    @inline(__always)
    func sample(x: Float, y: Float) -> Float {
        let clampedX = min(max(x, 0), Float(width - 1))
        let clampedY = min(max(y, 0), Float(height - 1))
        let left = Int(clampedX)
        let top = Int(clampedY)
        let right = min(left + 1, width - 1)
        let bottom = min(top + 1, height - 1)
        let fx = clampedX - Float(left)
        let fy = clampedY - Float(top)
        let upper = values[top * width + left] * (1 - fx) + values[top * width + right] * fx
        let lower = values[bottom * width + left] * (1 - fx) + values[bottom * width + right] * fx
        return upper * (1 - fy) + lower * fy
    }

    /// Element-wise product.
    static func * (lhs: Plane, rhs: Plane) -> Plane {
        Plane(width: lhs.width, height: lhs.height, values: zip(lhs.values, rhs.values).map { $0 * $1 })
    }
}

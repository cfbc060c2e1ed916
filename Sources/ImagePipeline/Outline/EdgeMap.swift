/// The colour gradients of a reduced photo: at each pixel the Sobel gradient of whichever channel changes most
/// there, so that an edge between two colours of equal brightness still counts.
struct EdgeMap {
    let width: Int
    let height: Int
    /// Horizontal gradient per pixel.
    let gx: [Float]
    /// Vertical gradient per pixel.
    let gy: [Float]
    /// Gradient magnitude per pixel.
    let magnitude: [Float]

    /// Gradients of three planar channels of `width × height` values each.
    init(planes: [Float], width: Int, height: Int) {
        self.width = width
        self.height = height
        let count = width * height
        var gx = [Float](repeating: 0, count: count)
        var gy = [Float](repeating: 0, count: count)
        var magnitude = [Float](repeating: 0, count: count)
        planes.withUnsafeBufferPointer { planes in
            for y in 0..<height {
                let up = max(0, y - 1) * width
                let row = y * width
                let down = min(height - 1, y + 1) * width
                for x in 0..<width {
                    let left = max(0, x - 1)
                    let right = min(width - 1, x + 1)
                    var best: Float = -1
                    for channel in 0..<3 {
                        let plane = channel * count
                        func value(_ offset: Int, _ column: Int) -> Float { planes[plane + offset + column] }
                        let horizontal = (value(up, right) + 2 * value(row, right) + value(down, right))
                            - (value(up, left) + 2 * value(row, left) + value(down, left))
                        let vertical = (value(down, left) + 2 * value(down, x) + value(down, right))
                            - (value(up, left) + 2 * value(up, x) + value(up, right))
                        let strength = horizontal * horizontal + vertical * vertical
                        if strength > best {
                            best = strength
                            gx[row + x] = horizontal
                            gy[row + x] = vertical
                        }
                    }
                    magnitude[row + x] = best.squareRoot()
                }
            }
        }
        self.gx = gx
        self.gy = gy
        self.magnitude = magnitude
    }

    /// For each fraction, the magnitude below which that share of the pixels lie: the value at that rank of the
    /// sorted magnitudes. A histogram finds the bin holding each wanted rank, and only that bin's magnitudes are
    /// sorted, since every magnitude in a lower bin is smaller than every one in a higher bin.
    func percentiles(_ fractions: [Double]) -> [Float] {
        let count = magnitude.count
        guard count > 0, let strongest = magnitude.max(), strongest > 0 else { return fractions.map { _ in 0 } }
        let binCount = 1024
        let scale = Float(binCount - 1) / strongest
        func bin(_ value: Float) -> Int { min(binCount - 1, Int(value * scale)) }
        var histogram = [Int](repeating: 0, count: binCount)
        for value in magnitude { histogram[bin(value)] += 1 }
        return fractions.map { fraction in
            let rank = min(count - 1, Int(Double(count) * fraction))
            var below = 0
            var holding = 0
            while below + histogram[holding] <= rank {
                below += histogram[holding]
                holding += 1
            }
            return magnitude.filter { bin($0) == holding }.sorted()[rank - below]
        }
    }

    /// The gradient across a line of unit normal `normal` at the nearest pixel to `point`; 0 outside the map.
    func across(_ point: SIMD2<Double>, normal: SIMD2<Double>) -> Float {
        let x = Int(point.x.rounded())
        let y = Int(point.y.rounded())
        guard x >= 0, y >= 0, x < width, y < height else { return 0 }
        let index = y * width + x
        return abs(gx[index] * Float(normal.x) + gy[index] * Float(normal.y))
    }
}

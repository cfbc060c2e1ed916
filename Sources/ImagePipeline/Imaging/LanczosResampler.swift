import CResample
import Foundation

/// Resizes 8-bit pictures with a Lanczos-3 kernel exactly as Pillow's `Image.resize(…, LANCZOS)` does, so that
/// the model sees the same input as rembg: separable passes (horizontal first), kernels widened by the scale
/// when shrinking, fixed-point weights with 22 fractional bits and an 8-bit intermediate picture.
public enum LanczosResampler {
    private static let support = 3.0

    /// Resizes interleaved samples with `channels` bands to `targetWidth × targetHeight`.
    public static func resize(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int, targetWidth: Int, targetHeight: Int
    ) -> [UInt8] {
        precondition(pixels.count == width * height * channels)
        var current = pixels
        var currentWidth = width
        if targetWidth != width {
            current = horizontalPass(current, width: width, height: height, channels: channels, targetWidth: targetWidth)
            currentWidth = targetWidth
        }
        if targetHeight != height {
            current = verticalPass(
                current, width: currentWidth, height: height, channels: channels, targetHeight: targetHeight)
        }
        return current
    }

    /// Resizes an RGB picture.
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        RGBImage(
            width: width, height: height,
            pixels: resize(
                image.pixels, width: image.width, height: image.height, channels: 3, targetWidth: width,
                targetHeight: height))
    }

    /// Resizes a grey picture.
    public static func resize(_ image: GrayImage, width: Int, height: Int) -> GrayImage {
        GrayImage(
            width: width, height: height,
            pixels: resize(
                image.pixels, width: image.width, height: image.height, channels: 1, targetWidth: width,
                targetHeight: height))
    }

    /// Per output sample: the first input index, the number of taps, and the fixed-point weights.
    struct Kernel {
        let starts: [Int32]
        let counts: [Int32]
        let weights: [Int32]
        let stride: Int
    }

    static func kernel(inputSize: Int, outputSize: Int) -> Kernel {
        let scale = Double(inputSize) / Double(outputSize)
        let filterScale = max(scale, 1)
        let radius = support * filterScale
        let stride = Int(radius.rounded(.up)) * 2 + 1
        var starts = [Int32](repeating: 0, count: outputSize)
        var counts = [Int32](repeating: 0, count: outputSize)
        var weights = [Int32](repeating: 0, count: outputSize * stride)
        var taps = [Double](repeating: 0, count: stride)
        let inverseScale = 1 / filterScale
        for output in 0..<outputSize {
            let centre = (Double(output) + 0.5) * scale
            let first = max(Int(centre - radius + 0.5), 0)
            let last = min(Int(centre + radius + 0.5), inputSize)
            let count = last - first
            var total = 0.0
            for tap in 0..<count {
                let weight = lanczos((Double(tap + first) - centre + 0.5) * inverseScale)
                taps[tap] = weight
                total += weight
            }
            for tap in 0..<count {
                let normalised = total != 0 ? taps[tap] / total : taps[tap]
                let scaled = normalised * Double(1 << BP_RESAMPLE_PRECISION_BITS)
                weights[output * stride + tap] = Int32(normalised < 0 ? scaled - 0.5 : scaled + 0.5)
            }
            starts[output] = Int32(first)
            counts[output] = Int32(max(count, 0))
        }
        return Kernel(starts: starts, counts: counts, weights: weights, stride: stride)
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let scaled = x * Double.pi
        return sin(scaled) / scaled
    }

    private static func lanczos(_ x: Double) -> Double {
        (-support <= x && x < support) ? sinc(x) * sinc(x / support) : 0
    }

    /// The horizontal pass, a row band per thread, in `bp_resample_horizontal`, with each weight split into its
    /// high and low parts as the pass takes them.
    private static func horizontalPass(
        _ input: [UInt8], width: Int, height: Int, channels: Int, targetWidth: Int
    ) -> [UInt8] {
        let kernel = kernel(inputSize: width, outputSize: targetWidth)
        let split = SplitWeights(kernel)
        var output = [UInt8](repeating: 0, count: targetWidth * height * channels)
        kernel.starts.withUnsafeBufferPointer { starts in
            kernel.counts.withUnsafeBufferPointer { counts in
                split.high.withUnsafeBufferPointer { high in
                    split.low.withUnsafeBufferPointer { low in
                        input.withUnsafeBufferPointer { source in
                            output.withUnsafeMutableBufferPointer { destination in
                                let (source, destination) = (source.baseAddress!, destination.baseAddress!)
                                let (starts, counts) = (starts.baseAddress!, counts.baseAddress!)
                                let (high, low) = (high.baseAddress!, low.baseAddress!)
                                concurrentBands(height) { rows in
                                    let planes = UnsafeMutablePointer<Int16>.allocate(capacity: (width + 16) * channels)
                                    defer { planes.deallocate() }
                                    bp_resample_horizontal(
                                        source, Int32(width), Int32(channels), Int32(rows.lowerBound),
                                        Int32(rows.upperBound), starts, counts, high, low, Int32(split.stride),
                                        Int32(targetWidth), planes, destination)
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// A kernel's weights as `high · 2^11 + low` (low in 0…2047), in rows of a multiple of 16 padded with zeros:
    /// the form of `bp_resample_horizontal`, whose sums are then Pillow's to the bit.
    struct SplitWeights {
        let high: [Int16]
        let low: [Int16]
        let stride: Int

        init(_ kernel: Kernel) {
            stride = (kernel.stride + 15) / 16 * 16
            let outputs = kernel.starts.count
            var high = [Int16](repeating: 0, count: outputs * stride)
            var low = [Int16](repeating: 0, count: outputs * stride)
            let lowBits = Int32(BP_RESAMPLE_LOW_BITS)
            for output in 0..<outputs {
                for tap in 0..<Int(kernel.counts[output]) {
                    let weight = kernel.weights[output * kernel.stride + tap]
                    high[output * stride + tap] = Int16(weight >> lowBits)
                    low[output * stride + tap] = Int16(weight & ((1 << lowBits) - 1))
                }
            }
            self.high = high
            self.low = low
        }
    }

    /// The vertical pass, a band of output rows per thread, in `bp_resample_vertical`.
    private static func verticalPass(
        _ input: [UInt8], width: Int, height: Int, channels: Int, targetHeight: Int
    ) -> [UInt8] {
        let kernel = kernel(inputSize: height, outputSize: targetHeight)
        let rowLength = width * channels
        var output = [UInt8](repeating: 0, count: rowLength * targetHeight)
        withKernel(kernel) { starts, counts, weights in
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    let (source, destination) = (source.baseAddress!, destination.baseAddress!)
                    concurrentBands(targetHeight, serialBelow: 16) { rows in
                        let sums = UnsafeMutablePointer<UInt32>.allocate(capacity: rowLength)
                        defer { sums.deallocate() }
                        bp_resample_vertical(
                            source, Int32(rowLength), Int32(rows.lowerBound), Int32(rows.upperBound), starts, counts,
                            weights, Int32(kernel.stride), sums, destination)
                    }
                }
            }
        }
        return output
    }

    /// Runs `body` with pointers to the kernel's starts, counts and weights.
    private static func withKernel(
        _ kernel: Kernel,
        _ body: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>) -> Void
    ) {
        kernel.starts.withUnsafeBufferPointer { starts in
            kernel.counts.withUnsafeBufferPointer { counts in
                kernel.weights.withUnsafeBufferPointer { weights in
                    body(starts.baseAddress!, counts.baseAddress!, weights.baseAddress!)
                }
            }
        }
    }
}

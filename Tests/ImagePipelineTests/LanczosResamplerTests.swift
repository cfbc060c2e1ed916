import CResample
import Testing

@testable import ImagePipeline

/// The resampler's two passes against Pillow's fixed-point arithmetic written out plainly: each output sample is
/// the rounding term plus the samples times the 32-bit weights, wrapping, shifted back and clipped. The horizontal
/// pass splits the weights and sums sixteen taps at a time, so the sizes here give counts on and off multiples of
/// sixteen, rows narrower than one block, and one and three channels.
@Suite("Lanczos resampler", .serialized)
struct LanczosResamplerTests {
    /// One pass along rows (`horizontal`) or columns, the plain way.
    static func pass(
        _ input: [UInt8], width: Int, height: Int, channels: Int, to target: Int, horizontal: Bool
    ) -> [UInt8] {
        let kernel = LanczosResampler.kernel(inputSize: horizontal ? width : height, outputSize: target)
        let (outputWidth, outputHeight) = horizontal ? (target, height) : (width, target)
        var output = [UInt8](repeating: 0, count: outputWidth * outputHeight * channels)
        for y in 0..<outputHeight {
            for x in 0..<outputWidth {
                let position = horizontal ? x : y
                for channel in 0..<channels {
                    var sum = UInt32(1) << 21
                    for tap in 0..<Int(kernel.counts[position]) {
                        let source = Int(kernel.starts[position]) + tap
                        let (sourceX, sourceY) = horizontal ? (source, y) : (x, source)
                        let sample = UInt32(input[(sourceY * width + sourceX) * channels + channel])
                        sum = sum &+ sample &* UInt32(bitPattern: kernel.weights[position * kernel.stride + tap])
                    }
                    let shifted = Int32(bitPattern: sum) >> 22
                    output[(y * outputWidth + x) * channels + channel] = UInt8(min(max(shifted, 0), 255))
                }
            }
        }
        return output
    }

    @Test("shrinking and enlarging, one and three channels, match Pillow's arithmetic to the byte")
    func matchesPillowsArithmetic() {
        compareWithPillowsArithmetic()
    }

    @Test("the plain loop for processors without AVX2 matches Pillow's arithmetic to the byte too")
    func plainLoopMatchesPillowsArithmetic() {
        bp_resample_allow_vector_loops(0)
        defer { bp_resample_allow_vector_loops(1) }
        compareWithPillowsArithmetic()
    }

    private func compareWithPillowsArithmetic() {
        let cases = [
            (width: 500, height: 9, targetWidth: 40, targetHeight: 4), (width: 37, height: 23, targetWidth: 5, targetHeight: 30),
            (width: 1, height: 3, targetWidth: 7, targetHeight: 3), (width: 13, height: 2, targetWidth: 13, targetHeight: 1),
            (width: 321, height: 17, targetWidth: 20, targetHeight: 17), (width: 8, height: 8, targetWidth: 100, targetHeight: 3),
        ]
        for size in cases {
            for channels in [1, 3] {
                let pixels = (0..<(size.width * size.height * channels)).map { index in
                    UInt8(truncatingIfNeeded: fixedScatter(index, channels) >> 5)
                }
                var expected = pixels
                var expectedWidth = size.width
                if size.targetWidth != size.width {
                    expected = Self.pass(
                        expected, width: size.width, height: size.height, channels: channels, to: size.targetWidth,
                        horizontal: true)
                    expectedWidth = size.targetWidth
                }
                if size.targetHeight != size.height {
                    expected = Self.pass(
                        expected, width: expectedWidth, height: size.height, channels: channels, to: size.targetHeight,
                        horizontal: false)
                }
                let resized = LanczosResampler.resize(
                    pixels, width: size.width, height: size.height, channels: channels, targetWidth: size.targetWidth,
                    targetHeight: size.targetHeight)
                #expect(resized == expected, "\(size) × \(channels)")
            }
        }
    }

    @Test("split weights give back each weight and are zero past each count")
    func splitWeights() {
        let kernel = LanczosResampler.kernel(inputSize: 4032, outputSize: 320)
        let split = LanczosResampler.SplitWeights(kernel)
        #expect(split.stride % 16 == 0 && split.stride >= kernel.stride)
        for output in 0..<320 {
            for tap in 0..<split.stride {
                let weight = tap < Int(kernel.counts[output]) ? kernel.weights[output * kernel.stride + tap] : 0
                let joined = Int32(split.high[output * split.stride + tap]) * 2048 + Int32(split.low[output * split.stride + tap])
                #expect(joined == weight)
                #expect((0..<2048).contains(split.low[output * split.stride + tap]))
            }
        }
    }
}

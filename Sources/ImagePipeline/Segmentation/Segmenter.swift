import Foundation

/// Predicts a subject mask for a photo with one model, exactly as rembg does: resize to the model's square with
/// Pillow's Lanczos, divide by the photo's maximum, normalise, run, (sigmoid,) min–max normalise, truncate to
/// 8 bits and resize back to the photo's size with Lanczos.
public struct Segmenter: Sendable {
    /// The model's facts.
    public let model: ModelDescriptor
    private let session: InferenceSession

    /// A segmenter over an open session for `model`.
    public init(model: ModelDescriptor, session: InferenceSession) {
        self.model = model
        self.session = session
    }

    /// A mask with the time each step took.
    public struct Prediction: Sendable {
        /// The mask at the photo's size, 0 = background, 255 = subject.
        public let mask: GrayImage
        /// The mask at the model's resolution, before resizing back.
        public let modelMask: GrayImage
        /// Seconds spent resizing and normalising the input.
        public let preprocessSeconds: Double
        /// Seconds spent in ONNX Runtime.
        public let inferenceSeconds: Double
        /// Seconds spent normalising and resizing the output.
        public let postprocessSeconds: Double
    }

    /// Predicts the mask of `image`.
    public func predict(_ image: RGBImage) throws(ModelError) -> Prediction {
        let clock = ContinuousClock()
        let start = clock.now
        let side = model.family.inputSide
        let tensor = Self.inputTensor(for: image, family: model.family)
        let prepared = clock.now
        let output = try session.run(input: tensor, shape: [1, 3, Int64(side), Int64(side)], outputIndex: model.outputIndex)
        let inferred = clock.now
        let modelMask = try Self.maskFromOutput(output.values, shape: output.shape, family: model.family)
        let mask = LanczosResampler.resize(modelMask, width: image.width, height: image.height)
        let finished = clock.now
        return Prediction(
            mask: mask, modelMask: modelMask,
            preprocessSeconds: (prepared - start).seconds,
            inferenceSeconds: (inferred - prepared).seconds,
            postprocessSeconds: (finished - inferred).seconds)
    }

    /// The normalised 1×3×S×S float tensor rembg would feed the model for `image`.
    static func inputTensor(for image: RGBImage, family: ModelFamily) -> [Float] {
        let side = family.inputSide
        let resized = LanczosResampler.resize(image, width: side, height: side)
        let maximum = max(Double(resized.pixels.max() ?? 0), 1e-6)
        let mean = [family.mean.0, family.mean.1, family.mean.2]
        let deviation = [family.standardDeviation.0, family.standardDeviation.1, family.standardDeviation.2]
        let planeSize = side * side
        var tensor = [Float](repeating: 0, count: 3 * planeSize)
        resized.pixels.withUnsafeBufferPointer { pixels in
            tensor.withUnsafeMutableBufferPointer { values in
                for channel in 0..<3 {
                    let channelMean = mean[channel]
                    let channelDeviation = deviation[channel]
                    for index in 0..<planeSize {
                        let scaled = Double(pixels[index * 3 + channel]) / maximum
                        values[channel * planeSize + index] = Float((scaled - channelMean) / channelDeviation)
                    }
                }
            }
        }
        return tensor
    }

    /// The 8-bit mask from the model's first channel: optional sigmoid, min–max normalisation in 32-bit float,
    /// then truncation to 0…255 as numpy's `astype(uint8)` does.
    static func maskFromOutput(_ values: [Float], shape: [Int64], family: ModelFamily) throws(ModelError) -> GrayImage {
        guard shape.count >= 2, let last = shape.last, let secondLast = shape.dropLast().last, last > 0, secondLast > 0
        else {
            throw .unexpectedOutput("shape \(shape)")
        }
        let width = Int(last)
        let height = Int(secondLast)
        let planeSize = width * height
        guard values.count >= planeSize else { throw .unexpectedOutput("\(values.count) values for shape \(shape)") }
        var plane = Array(values[0..<planeSize])
        if family.appliesSigmoid {
            for index in plane.indices { plane[index] = 1 / (1 + Float(exp(Double(-plane[index])))) }
        }
        let maximum = plane.max() ?? 0
        let minimum = plane.min() ?? 0
        let range = maximum - minimum
        var pixels = [UInt8](repeating: 0, count: planeSize)
        if range > 0, range.isFinite {
            for index in 0..<planeSize {
                let normalised = (plane[index] - minimum) / range
                let scaled = normalised * 255
                pixels[index] = scaled.isFinite ? UInt8(min(max(scaled, 0), 255).rounded(.towardZero)) : 0
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

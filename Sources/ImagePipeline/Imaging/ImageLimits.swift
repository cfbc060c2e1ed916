/// The largest photo the pipeline accepts, and what to do with a larger one.
public struct ImageLimits: Sendable, Equatable {
    /// What happens to a photo whose header promises more than the limits.
    public enum OversizePolicy: String, Sendable, CaseIterable {
        /// Refuse it with a named reason before decoding any pixel.
        case refuse
        /// Shrink it while decoding so that it fits the limits.
        case shrink
    }

    /// Longest accepted side in pixels (the seed service used 4,096).
    public var maxSide: Int
    /// Most accepted pixels, in megapixels.
    public var maxMegapixels: Double
    /// Largest accepted encoded file in bytes.
    public var maxFileBytes: Int
    /// What to do with an image over `maxSide` or `maxMegapixels`.
    public var oversize: OversizePolicy
    /// Pixels (in megapixels) above which a header is treated as a decompression bomb and refused even when the
    /// policy is to shrink.
    public var bombMegapixels: Double

    /// Limits with the service's defaults: 4,096 px a side, 40 megapixels, 64 MiB files, refuse larger photos.
    public init(
        maxSide: Int = 4096,
        maxMegapixels: Double = 40,
        maxFileBytes: Int = 64 << 20,
        oversize: OversizePolicy = .refuse,
        bombMegapixels: Double = 250
    ) {
        self.maxSide = maxSide
        self.maxMegapixels = maxMegapixels
        self.maxFileBytes = maxFileBytes
        self.oversize = oversize
        self.bombMegapixels = bombMegapixels
    }

    /// Whether a header of this size is refused outright, whatever the policy.
    public func isBomb(width: Int, height: Int) -> Bool {
        Double(width) * Double(height) > max(bombMegapixels, maxMegapixels) * 1_000_000
    }

    /// Whether a picture of this size fits without shrinking.
    public func admits(width: Int, height: Int) -> Bool {
        max(width, height) <= maxSide && Double(width) * Double(height) <= maxMegapixels * 1_000_000
    }

    /// The size a picture is shrunk to so that it fits, keeping its aspect ratio.
    public func fittingSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let sideScale = Double(maxSide) / Double(max(width, height))
        let areaScale = (maxMegapixels * 1_000_000 / (Double(width) * Double(height))).squareRoot()
        let scale = min(1, sideScale, areaScale)
        return (max(1, Int((Double(width) * scale).rounded(.down))), max(1, Int((Double(height) * scale).rounded(.down))))
    }
}

/// How a family of segmentation models wants its input and gives its output, as rembg feeds them.
public enum ModelFamily: String, Sendable, Codable, CaseIterable {
    /// U²-Net and its relatives (u2net, u2netp, silueta): 320×320, ImageNet mean and std.
    case u2net
    /// IS-Net (isnet-general-use): 1024×1024, mean 0.5, std 1.0.
    case isnet
    /// BiRefNet: 1024×1024, ImageNet mean and std, sigmoid before the min–max step.
    case birefnet

    /// The square side the photo is resized to.
    public var inputSide: Int {
        switch self {
        case .u2net: 320
        case .isnet, .birefnet: 1024
        }
    }

    /// Per-channel mean subtracted after dividing by the photo's maximum.
    public var mean: (Double, Double, Double) {
        switch self {
        case .u2net, .birefnet: (0.485, 0.456, 0.406)
        case .isnet: (0.5, 0.5, 0.5)
        }
    }

    /// Per-channel standard deviation divided by.
    public var standardDeviation: (Double, Double, Double) {
        switch self {
        case .u2net, .birefnet: (0.229, 0.224, 0.225)
        case .isnet: (1.0, 1.0, 1.0)
        }
    }

    /// Whether the raw output passes through a sigmoid before min–max normalisation.
    public var appliesSigmoid: Bool { self == .birefnet }
}

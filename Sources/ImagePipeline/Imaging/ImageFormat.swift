/// An output encoding, with its file extension and media type.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    /// Lossless PNG.
    case png
    /// Baseline JPEG.
    case jpeg
    /// WebP (lossless for cut-outs with transparency, lossy otherwise).
    case webp

    /// The file extension without a dot.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// The media type for HTTP responses.
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    /// Whether the format can carry an alpha channel.
    public var supportsTransparency: Bool { self != .jpeg }
}

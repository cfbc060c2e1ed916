/// Why a photo could not be read or written, each with a stable reason code for reports and APIs.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file holds no bytes at all.
    case empty
    /// The file is larger than the configured byte limit.
    case fileTooLarge(bytes: Int, limit: Int)
    /// No image decoder recognises the bytes (HTML saved as `.jpg`, for example).
    case unrecognisedFormat
    /// The header promises a picture larger than the limits; refused before decoding.
    case dimensionsTooLarge(width: Int, height: Int, maxSide: Int, maxMegapixels: Double)
    /// The header promises so many pixels that decoding it, even shrunk, would be an attack on memory or time.
    case decompressionBomb(width: Int, height: Int, maxMegapixels: Double)
    /// The decoder recognised the format but the data is truncated or corrupt.
    case corrupt(String)
    /// Encoding the output failed.
    case encodingFailed(String)
    /// The requested output cannot be expressed in the chosen format.
    case unsupportedOutput(String)

    /// A short stable identifier of the reason, such as `dimensions_too_large`.
    public var code: String {
        switch self {
        case .empty: "empty_file"
        case .fileTooLarge: "file_too_large"
        case .unrecognisedFormat: "unrecognised_format"
        case .dimensionsTooLarge: "dimensions_too_large"
        case .decompressionBomb: "decompression_bomb"
        case .corrupt: "corrupt_image"
        case .encodingFailed: "encoding_failed"
        case .unsupportedOutput: "unsupported_output"
        }
    }

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .empty:
            "the file is empty"
        case let .fileTooLarge(bytes, limit):
            "the file has \(bytes) bytes, more than the limit of \(limit)"
        case .unrecognisedFormat:
            "the file is not an image format this build can read"
        case let .dimensionsTooLarge(width, height, maxSide, maxMegapixels):
            "the image is \(width)×\(height) px, over the limit of \(maxSide) px a side and \(maxMegapixels) megapixels"
        case let .decompressionBomb(width, height, maxMegapixels):
            "the header promises \(width)×\(height) px, over \(maxMegapixels) megapixels: refused as a decompression bomb"
        case let .corrupt(detail):
            "the image data is truncated or corrupt: \(detail)"
        case let .encodingFailed(detail):
            "the output could not be encoded: \(detail)"
        case let .unsupportedOutput(detail):
            detail
        }
    }
}

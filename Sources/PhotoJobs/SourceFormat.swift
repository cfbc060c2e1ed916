/// The formats accepted as original photos, told by the libvips loader that recognised the bytes.
enum SourceFormat: Sendable {
    case jpeg, png, webp, gif, tiff, heif

    init?(loader: String) {
        switch loader.split(separator: "load").first.map(String.init) ?? "" {
        case "jpeg": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "gif": self = .gif
        case "tiff": self = .tiff
        case "heif": self = .heif
        default: return nil
        }
    }

    var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .gif: "gif"
        case .tiff: "tif"
        case .heif: "heic"
        }
    }

    var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .tiff: "image/tiff"
        case .heif: "image/heif"
        }
    }
}

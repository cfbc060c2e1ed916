/// The media types of the file extensions the service writes.
enum MediaTypes {
    /// The media type of a file name extension; `application/octet-stream` when unknown.
    static func forExtension(_ pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "txt": "text/plain"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}

import Foundation
import ImagePipeline

/// The JSON answer of `POST /v1/remove-background` to `Accept: application/json`: the image in base64, its size,
/// where the subject is in it, the model and the pipeline's report of the photo.
struct RemoveBackgroundResult: Encodable, Sendable {
    /// A rectangle of the output image.
    struct Foreground: Encodable, Sendable {
        let top: Int
        let left: Int
        let width: Int
        let height: Int
    }

    let contentType: String
    let width: Int
    let height: Int
    let foreground: Foreground?
    let model: String?
    let background: String?
    let imageBase64: String
    let report: PhotoReport

    enum CodingKeys: String, CodingKey {
        case width, height, foreground, model, background, report
        case contentType = "content_type"
        case imageBase64 = "image_base64"
    }
}

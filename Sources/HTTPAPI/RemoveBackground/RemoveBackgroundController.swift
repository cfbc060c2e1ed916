import Foundation
import HTTPTypes
import Hummingbird
import ImagePipeline
import PhotoJobs

/// `POST /v1/remove-background`: one photo processed while the caller waits, answered with the image (or its mask)
/// and the subject's place in headers, or as JSON with the pipeline's report; nothing is stored.
struct RemoveBackgroundController {
    let removal: BackgroundRemoval

    func addRoutes(editing: RouterGroup<AppRequestContext>) {
        editing.post("v1/remove-background", use: remove)
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            return try await removal.admission.admit { try await answer(request) }
        } catch let busy as ProcessingAdmission.Busy {
            throw APIError(
                .tooManyRequests, code: "busy",
                message: "every processing slot and queue place is taken; try again in \(busy.retryAfterSeconds) s",
                retryAfter: busy.retryAfterSeconds)
        }
    }

    /// Reads the photo and its options, processes it in a slot and answers it; run in an admitted place.
    private func answer(_ request: Request) async throws -> Response {
        let (image, values) = try await Self.photoAndOptions(of: request)
        let options = try RemoveBackgroundOptions(values)
        let processor = PhotoProcessor(
            segmenters: removal.pipeline.segmenters, options: options.processing(from: removal.pipeline.options))
        let result = try await removal.admission.run {
            await BlockingWork.run(in: .foregroundPhoto) { processor.process(image) }
        }
        let report = result.report
        guard report.status == "ok", let pixels = result.maskPixels else { throw Self.failure(report) }
        let bytes: [UInt8]
        let format: ImageFormat
        if options.channels == .alpha {
            format = options.format == .jpeg ? .jpeg : options.format
            bytes = format == .png
                ? result.mask ?? [] : try ImageEncoder(quality: processor.options.quality).encode(pixels, as: format)
        } else {
            format = options.format
            bytes = result.image ?? []
        }
        let foreground = Self.foreground(report, options: options)
        if request.headers[.accept]?.contains("application/json") == true {
            return try JSONResponse.make(RemoveBackgroundResult(
                contentType: format.mediaType, width: pixels.width, height: pixels.height, foreground: foreground,
                model: report.modelUsed, background: report.background, imageBase64: Data(bytes).base64EncodedString(),
                report: report))
        }
        var headers: HTTPFields = [.contentType: format.mediaType]
        headers[HTTPField.Name("X-Width")!] = String(pixels.width)
        headers[HTTPField.Name("X-Height")!] = String(pixels.height)
        if let foreground {
            headers[HTTPField.Name("X-Foreground-Top")!] = String(foreground.top)
            headers[HTTPField.Name("X-Foreground-Left")!] = String(foreground.left)
            headers[HTTPField.Name("X-Foreground-Width")!] = String(foreground.width)
            headers[HTTPField.Name("X-Foreground-Height")!] = String(foreground.height)
        }
        if let model = report.modelUsed { headers[HTTPField.Name("X-Model")!] = model }
        if let background = report.background { headers[HTTPField.Name("X-Background")!] = background }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The photo's bytes and the option values: a raw image body with the options in the query string, or a
    /// `multipart/form-data` body with the photo in `image_file` and options as fields (the query string wins).
    static func photoAndOptions(of request: Request) async throws -> (image: [UInt8], values: [String: String]) {
        let contentType = request.headers[.contentType] ?? ""
        var values: [String: String] = [:]
        for (name, value) in request.formQuery.fields where values[name] == nil {
            values[name] = value
        }
        let boundary: String?
        do {
            boundary = try MultipartForm.boundary(ofContentType: contentType)
        } catch {
            throw APIError.badRequest(error.description, code: "invalid_multipart")
        }
        guard boundary != nil || isImageBody(contentType) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send the photo as an image/* body, application/octet-stream, or multipart/form-data with image_file")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: BodyLimits.maximumPhotoBytes + (boundary == nil ? 0 : 64 * 1024))
        } catch {
            throw APIError(
                .contentTooLarge, code: "body_too_large",
                message: "the photo is larger than \(BodyLimits.maximumPhotoBytes) bytes")
        }
        var image = Array(body.readableBytesView)
        if let boundary {
            let form: MultipartForm
            do {
                form = try MultipartForm(body: image, boundary: boundary)
            } catch {
                throw APIError.badRequest("the multipart body is malformed: \(error.description)", code: "invalid_multipart")
            }
            guard let part = form.part("image_file") else {
                throw APIError.badRequest("the form has no image_file part", code: "missing_image")
            }
            image = Array(part.bytes)
            values.merge(form.fields) { query, _ in query }
        }
        guard !image.isEmpty else { throw APIError.badRequest("the photo is empty", code: "empty_image") }
        guard image.count <= BodyLimits.maximumPhotoBytes else {
            throw APIError(
                .contentTooLarge, code: "body_too_large",
                message: "the photo is larger than \(BodyLimits.maximumPhotoBytes) bytes")
        }
        return (image, values)
    }

    /// Whether a raw body of this media type is taken as a photo.
    static func isImageBody(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.hasPrefix("image/") || type == "application/octet-stream"
    }

    /// The subject's rectangle in the output image: the report's box, moved into the crop when cropping.
    static func foreground(_ report: PhotoReport, options: RemoveBackgroundOptions) -> RemoveBackgroundResult.Foreground? {
        guard let box = report.subjectBox, let width = report.width, let height = report.height else { return nil }
        let origin = options.crop ? box.expanded(by: options.cropMargin, within: width, height: height) : nil
        return .init(top: box.y - (origin?.y ?? 0), left: box.x - (origin?.x ?? 0), width: box.width, height: box.height)
    }

    /// The API error for a photo the pipeline could not process: 422 for the photo's own faults, 503 when no
    /// attempt could run at all (no usable model), 500 otherwise.
    static func failure(_ report: PhotoReport) -> APIError {
        let code = report.error?.code ?? "internal_error"
        let message = report.error?.message ?? "the pipeline gave no result"
        let nothingRan = !report.attempts.isEmpty && report.attempts.allSatisfy { $0.outcome == "skipped" || $0.outcome == "error" }
        if code == "no_acceptable_attempt" && nothingRan {
            return APIError(.serviceUnavailable, code: "pipeline_unavailable", message: message, retryAfter: 30)
        }
        if code == "internal_error" || code == "encoding_failed" || code == "unsupported_output" {
            return APIError(.internalServerError, code: code, message: message)
        }
        return APIError.unprocessable(message, code: code)
    }
}

import ImagePipeline

/// The options of `POST /v1/remove-background`, named as remove.bg names them, read from the query string or the
/// form's text fields; an unknown value is refused with the accepted ones.
struct RemoveBackgroundOptions: Sendable, Equatable {
    /// The largest output of `size=preview`, in megapixels.
    static let previewMegapixels = 0.25

    /// The output's size.
    enum Size: String, Sendable, CaseIterable {
        /// At most a quarter of a megapixel.
        case preview
        /// The photo's own size, within the service's limits.
        case full
    }

    /// What the output holds.
    enum Channels: String, Sendable, CaseIterable {
        /// The subject on its background (or transparent).
        case rgba
        /// The mask alone, as a grey image.
        case alpha
    }

    var format: ImageFormat = .png
    var background: Background = .auto
    var crop = false
    var cropMargin = 0
    var size: Size = .full
    var channels: Channels = .rgba

    /// Options from `values` (query parameters and form fields), spelt exactly as documented; names not listed
    /// here are ignored.
    init(_ values: [String: String]) throws(APIError) {
        if let text = values["format"] {
            switch text {
            case "png": format = .png
            case "jpg", "jpeg": format = .jpeg
            case "webp": format = .webp
            default: throw Self.invalid("format", text, accepted: "png, jpg, webp")
            }
        }
        if let text = values["bg_color"] {
            let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
            let named = ["auto", "transparent", "white", "black"].contains(text)
            let hex = digits.count == 6 && digits.allSatisfy(\.isHexDigit)
            guard named || hex, let background = Background(argument: text) else {
                throw Self.invalid("bg_color", text, accepted: "auto, transparent, white, black or a hex colour RRGGBB")
            }
            self.background = background
        }
        if let text = values["crop"] {
            switch text {
            case "true", "1": crop = true
            case "false", "0": crop = false
            default: throw Self.invalid("crop", text, accepted: "true, false")
            }
        }
        if let text = values["crop_margin"] {
            let digits = text.hasSuffix("px") ? String(text.dropLast(2)) : text
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let margin = Int(digits), (0...1000).contains(margin)
            else {
                throw Self.invalid("crop_margin", text, accepted: "0 to 1000 pixels")
            }
            cropMargin = margin
        }
        if let text = values["size"] {
            guard let size = Size(rawValue: text) else {
                throw Self.invalid("size", text, accepted: Size.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.size = size
        }
        if let text = values["channels"] {
            guard let channels = Channels(rawValue: text) else {
                throw Self.invalid("channels", text, accepted: Channels.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.channels = channels
        }
        if format == .jpeg && background == .transparent && channels == .rgba {
            throw APIError.badRequest("a JPEG has no transparency: choose png or webp, or a bg_color", code: "invalid_parameter")
        }
    }

    /// The pipeline's options for this request, starting from the service's.
    func processing(from base: ProcessingOptions) -> ProcessingOptions {
        var options = base
        options.format = format
        options.background = background
        options.crop = crop
        options.cropMargin = cropMargin
        options.maskOnly = channels == .alpha
        if size == .preview {
            options.limits.maxMegapixels = min(options.limits.maxMegapixels, Self.previewMegapixels)
            options.limits.oversize = .shrink
        }
        return options
    }

    private static func invalid(_ name: String, _ value: String, accepted: String) -> APIError {
        APIError.badRequest("\(name) '\(value.prefix(40))' is not one of: \(accepted)", code: "invalid_parameter")
    }
}

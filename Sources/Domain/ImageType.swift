/// What a photo of a book shows; the worker prefers some types as the source of the primary photo.
public enum ImageType: String, Sendable, Codable, CaseIterable {
    /// The title page.
    case titlePage = "title_page"
    /// The binding.
    case binding
    /// The front cover or dust jacket.
    case cover
    /// The spine.
    case spine
    /// The back cover.
    case backCover = "back_cover"
    /// A detail: inscription, plate, damage.
    case detail
    /// Anything else.
    case other

    /// The seed service's order of preference for the photo to process: title page, binding, cover, spine.
    public static let processingPriority: [ImageType] = [.titlePage, .binding, .cover, .spine]
}

import Domain

/// A listing to import: the book's fields and its photos, each by URL or by an already-stored object key.
struct ListingImport: Codable, Sendable {
    var book: BookInput
    var photos: [ListingPhoto]

    /// One photo of a listing.
    struct ListingPhoto: Codable, Sendable {
        var url: String?
        var objectKey: String?
        var imageType: ImageType?
        var caption: String?

        enum CodingKeys: String, CodingKey {
            case url, caption
            case objectKey = "object_key"
            case imageType = "image_type"
        }
    }
}

/// What an import stored.
struct ImportResult: Encodable, Sendable {
    var book: BookResource
    var photos: [PhotoResource]
    var job: JobResource?
}

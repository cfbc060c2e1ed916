/// What the service says about itself in health reports and the admin system-info view (DESIGN.md §5).
public struct ServiceInfo: Sendable, Codable {
    /// Release version.
    public var version: String
    /// Source commit, when known.
    public var commit: String
    /// `development`, `production`, ….
    public var environment: String
    /// Infrastructure settings: database (without password), storage, region, bucket, CDN URL, queue names.
    public var infrastructure: [String: String]
    /// Image-processing settings.
    public var imageProcessing: ImageProcessingInfo

    /// Info from its parts.
    public init(
        version: String, commit: String, environment: String, infrastructure: [String: String],
        imageProcessing: ImageProcessingInfo
    ) {
        self.version = version
        self.commit = commit
        self.environment = environment
        self.infrastructure = infrastructure
        self.imageProcessing = imageProcessing
    }

    enum CodingKeys: String, CodingKey {
        case version, commit, environment, infrastructure
        case imageProcessing = "image_processing"
    }
}

/// The image-processing settings shown to admins.
public struct ImageProcessingInfo: Sendable, Codable {
    /// Brightness below which the background is black.
    public var brightnessThreshold: Double
    /// The attempt list, e.g. `u2net+refine`.
    public var attempts: [String]
    /// Longest accepted side.
    public var maxSide: Int
    /// Most accepted megapixels.
    public var maxMegapixels: Double
    /// Thumbnail box side.
    public var thumbnailSize: Int
    /// Thumbnail JPEG quality.
    public var thumbnailQuality: Int
    /// Source type priority.
    public var typePriority: [String]
    /// Book-shape floor of the quality gate.
    public var shapeFloor: Double
    /// Smallest accepted subject box side.
    public var minimumSubjectSide: Int

    /// Settings from their parts.
    public init(
        brightnessThreshold: Double, attempts: [String], maxSide: Int, maxMegapixels: Double, thumbnailSize: Int,
        thumbnailQuality: Int, typePriority: [String], shapeFloor: Double, minimumSubjectSide: Int
    ) {
        self.brightnessThreshold = brightnessThreshold
        self.attempts = attempts
        self.maxSide = maxSide
        self.maxMegapixels = maxMegapixels
        self.thumbnailSize = thumbnailSize
        self.thumbnailQuality = thumbnailQuality
        self.typePriority = typePriority
        self.shapeFloor = shapeFloor
        self.minimumSubjectSide = minimumSubjectSide
    }

    enum CodingKeys: String, CodingKey {
        case attempts
        case brightnessThreshold = "brightness_threshold"
        case maxSide = "max_side"
        case maxMegapixels = "max_megapixels"
        case thumbnailSize = "thumbnail_size"
        case thumbnailQuality = "thumbnail_quality"
        case typePriority = "type_priority"
        case shapeFloor = "shape_floor"
        case minimumSubjectSide = "minimum_subject_side"
    }
}

/// Everything that decides how one photo is processed.
public struct ProcessingOptions: Sendable {
    /// Size limits and the oversize policy.
    public var limits: ImageLimits
    /// The attempts tried in order until one passes the quality gate.
    public var attempts: [Attempt]
    /// The checks every mask must pass.
    public var gate: QualityGate
    /// The book-outline step, run on every attempt's mask; nil turns it off.
    public var bookOutline: BookOutlineFinder?
    /// The edge refinement used by attempts that ask for it.
    public var refinement: EdgeRefinement
    /// What the subject is placed on.
    public var background: Background
    /// The main output's encoding.
    public var format: ImageFormat
    /// Produce only the mask, no composite or thumbnail.
    public var maskOnly: Bool
    /// Crop the output to the subject box grown by `cropMargin` pixels.
    public var crop: Bool
    /// The margin kept around the subject when cropping, in pixels.
    public var cropMargin: Int
    /// The thumbnail fits in a square of this side.
    public var thumbnailSide: Int
    /// JPEG quality of the thumbnail.
    public var thumbnailQuality: Int
    /// Quality of JPEG and lossy WebP main outputs.
    public var quality: Int
    /// Compression level of PNG outputs (0–9); 1 by default, compressed by ISA-L: several times faster than
    /// zlib's levels for files a few per cent larger (measured on the fixtures).
    public var pngCompression: Int

    /// Options with the seed service's rules: automatic black or white background, RGB PNG, 300 px JPEG
    /// thumbnail at quality 85, the default attempt list and no shape floor; the book-outline step on.
    public init(
        limits: ImageLimits = ImageLimits(),
        attempts: [Attempt] = Attempt.defaultList,
        gate: QualityGate = QualityGate(),
        bookOutline: BookOutlineFinder? = BookOutlineFinder(),
        refinement: EdgeRefinement = EdgeRefinement(),
        background: Background = .auto,
        format: ImageFormat = .png,
        maskOnly: Bool = false,
        crop: Bool = false,
        cropMargin: Int = 20,
        thumbnailSide: Int = 300,
        thumbnailQuality: Int = 85,
        quality: Int = 90,
        pngCompression: Int = 1
    ) {
        self.limits = limits
        self.attempts = attempts
        self.gate = gate
        self.bookOutline = bookOutline
        self.refinement = refinement
        self.background = background
        self.format = format
        self.maskOnly = maskOnly
        self.crop = crop
        self.cropMargin = cropMargin
        self.thumbnailSide = thumbnailSide
        self.thumbnailQuality = thumbnailQuality
        self.quality = quality
        self.pngCompression = pngCompression
    }
}

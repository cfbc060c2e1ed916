/// The encoded results of processing one photo, with its report.
public struct ProcessedPhoto: Sendable {
    /// What happened, stage by stage.
    public var report: PhotoReport
    /// The composite or cut-out in the requested format; nil with `maskOnly` or on failure.
    public var image: [UInt8]?
    /// The mask as a grey PNG; set with `maskOnly`.
    public var mask: [UInt8]?
    /// The JPEG thumbnail; nil with `maskOnly` or on failure.
    public var thumbnail: [UInt8]?
    /// The accepted full-resolution mask, for callers that need the pixels.
    public var maskPixels: GrayImage?
}

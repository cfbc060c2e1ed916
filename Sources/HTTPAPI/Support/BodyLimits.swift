/// The largest bodies the API reads.
public enum BodyLimits {
    /// JSON request bodies.
    public static let maximumJSONBytes = 256 * 1024
    /// Uploaded photos.
    public static let maximumPhotoBytes = 40 * 1024 * 1024
}

/// Why a request could not be signed.
public enum SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// `UNSIGNED-PAYLOAD` was asked for a service other than S3, which would reject the request.
    case unsignedPayloadRequiresS3(service: String)
    /// A presigned URL's lifetime must be between 1 second and 7 days (604800 seconds).
    case expiryOutOfRange(seconds: Int)
    /// The request has no `Host` header, which every signature must cover.
    case missingHostHeader
    /// The text is not an absolute URL of the form `scheme://host/path?query`.
    case invalidURL(String)

    /// A sentence that says what went wrong.
    public var description: String {
        switch self {
        case .unsignedPayloadRequiresS3(let service):
            "UNSIGNED-PAYLOAD is only accepted by S3, not by service '\(service)'; sign the body's SHA-256 instead"
        case .expiryOutOfRange(let seconds):
            "X-Amz-Expires must be between 1 and 604800 seconds, got \(seconds)"
        case .missingHostHeader:
            "the request has no Host header, and SigV4 requires it to be signed"
        case .invalidURL(let text):
            "'\(text)' is not an absolute URL (scheme://host/path?query)"
        }
    }
}

/// A request signed in its query string (a presigned URL), with the steps of the signature kept for inspection.
public struct SigV4PresignedRequest: Sendable, Hashable {
    /// The complete query to send instead of the original one: the request's parameters, the `X-Amz-*`
    /// authentication parameters and `X-Amz-Signature`, all percent-encoded.
    public let query: String
    /// The headers that were signed and so must be sent unchanged with the request (at least `Host`).
    public let signedHeaders: [SigV4Request.Header]
    /// The lower-case hex signature.
    public let signature: String
    /// The canonical request that was hashed.
    public let canonicalRequest: String
    /// The string to sign that the signing key was applied to.
    public let stringToSign: String
}

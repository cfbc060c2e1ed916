/// A request signed in its headers, with the steps of the signature kept for inspection.
public struct SigV4SignedRequest: Sendable, Hashable {
    /// Every header to send: the request's own, then `x-amz-date`, `x-amz-content-sha256` (S3),
    /// `x-amz-security-token` (temporary credentials) and `Authorization`.
    public let headers: [SigV4Request.Header]
    /// The `Authorization` header value: `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
    public let authorization: String
    /// The lower-case hex signature.
    public let signature: String
    /// The canonical request that was hashed; compare it with the one a `SignatureDoesNotMatch` answer returns.
    public let canonicalRequest: String
    /// The string to sign that the signing key was applied to.
    public let stringToSign: String
}

import Crypto
import Foundation

/// Signs requests for one AWS service and region with AWS Signature Version 4, in headers or as a presigned URL.
public struct SigV4Signer: Sendable {
    /// The algorithm name that opens every `Authorization` header and string to sign.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The longest lifetime a presigned URL may have: seven days.
    public static let maximumPresignedExpiry = 604_800

    /// The credentials whose secret signs and whose key id and token go into the request.
    public let credentials: AWSCredentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public let region: String
    /// The signing name of the service, e.g. `s3` or `sqs`.
    public let service: String
    /// How the path is canonicalised: ``CanonicalPathRules/s3`` for S3, ``CanonicalPathRules/standard`` otherwise.
    public var pathRules: CanonicalPathRules
    /// Whether header signing adds a signed `x-amz-content-sha256` header; S3 requires it, so it is on for S3.
    public var sendsContentHashHeader: Bool
    /// Whether the session token is part of the signature (the norm) or only added to the request afterwards,
    /// as a few services require.
    public var signsSessionToken: Bool = true

    /// Names of headers that are sent as given but never signed, because proxies and HTTP clients may
    /// change or drop them on the way.
    static let unsignableHeaderNames: Set<String> = [
        "user-agent", "x-amzn-trace-id", "expect", "connection", "keep-alive", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade",
    ]

    /// A signer for `service` in `region`; S3 gets S3's path rules and the `x-amz-content-sha256` header.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
        let isS3 = service == "s3"
        pathRules = isS3 ? .s3 : .standard
        sendsContentHashHeader = isS3
    }

    /// Signs `request` in its headers as it would be sent at `date`, covering the body as `payload` says.
    ///
    /// Any `Authorization`, `x-amz-date` and `x-amz-security-token` already present (and `x-amz-content-sha256`
    /// when this signer adds its own) are replaced.
    public func sign(_ request: SigV4Request, payload: SigV4Payload, date: Date = Date()) throws(SigV4Error)
        -> SigV4SignedRequest
    {
        try checkPayload(payload)
        let timestamp = SigV4Timestamp(date)
        var replaced: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
        var added = [SigV4Request.Header("x-amz-date", timestamp.dateTime)]
        if sendsContentHashHeader {
            replaced.insert("x-amz-content-sha256")
            added.append(SigV4Request.Header("x-amz-content-sha256", payload.hashLine))
        }
        let kept = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        let tokenHeaders = credentials.sessionToken.map { [SigV4Request.Header("x-amz-security-token", $0)] } ?? []

        let headers = try canonicalHeaders(of: kept + added + (signsSessionToken ? tokenHeaders : []))
        let canonical = CanonicalRequest(
            method: request.method,
            path: pathRules.canonicalPath(for: request.path),
            query: CanonicalQuery(wireQuery: request.query),
            headers: headers,
            payloadHash: payload.hashLine
        )
        let scope = CredentialScope(day: timestamp.day, region: region, service: service)
        let stringToSign = canonical.stringToSign(timestamp: timestamp, scope: scope)
        let signature = hexSignature(of: stringToSign, scope: scope)
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope.text), "
            + "SignedHeaders=\(headers.signedHeaders), Signature=\(signature)"
        return SigV4SignedRequest(
            headers: kept + added + tokenHeaders + [SigV4Request.Header("Authorization", authorization)],
            authorization: authorization,
            signature: signature,
            canonicalRequest: canonical.text,
            stringToSign: stringToSign
        )
    }

    /// Signs `request` in its query string, valid for `expiresIn` seconds (1…604800) from `date`.
    ///
    /// Every header of the request is signed, so send exactly those; for a plain URL that is `Host` alone.
    /// A presigned S3 `GET` normally uses ``SigV4Payload/unsigned``.
    public func presign(_ request: SigV4Request, payload: SigV4Payload, expiresIn: Int, date: Date = Date())
        throws(SigV4Error) -> SigV4PresignedRequest
    {
        try checkPayload(payload)
        guard (1...Self.maximumPresignedExpiry).contains(expiresIn) else {
            throw .expiryOutOfRange(seconds: expiresIn)
        }
        let timestamp = SigV4Timestamp(date)
        let scope = CredentialScope(day: timestamp.day, region: region, service: service)
        let replaced: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
        let signedHeaders = Self.signable(request.headers.filter { !replaced.contains($0.name.lowercased()) })
        let headers = try canonicalHeaders(of: signedHeaders)

        var query = CanonicalQuery(wireQuery: request.query)
        query.append(name: "X-Amz-Algorithm", value: Self.algorithm)
        query.append(name: "X-Amz-Credential", value: "\(credentials.accessKeyID)/\(scope.text)")
        query.append(name: "X-Amz-Date", value: timestamp.dateTime)
        query.append(name: "X-Amz-Expires", value: String(expiresIn))
        query.append(name: "X-Amz-SignedHeaders", value: headers.signedHeaders)
        if signsSessionToken, let token = credentials.sessionToken {
            query.append(name: "X-Amz-Security-Token", value: token)
        }
        let canonical = CanonicalRequest(
            method: request.method,
            path: pathRules.canonicalPath(for: request.path),
            query: query,
            headers: headers,
            payloadHash: payload.hashLine
        )
        let stringToSign = canonical.stringToSign(timestamp: timestamp, scope: scope)
        let signature = hexSignature(of: stringToSign, scope: scope)
        var finalQuery = query.text + "&X-Amz-Signature=\(signature)"
        if !signsSessionToken, let token = credentials.sessionToken {
            finalQuery += "&X-Amz-Security-Token=\(URIEncoding.encode(token))"
        }
        return SigV4PresignedRequest(
            query: finalQuery,
            signedHeaders: signedHeaders,
            signature: signature,
            canonicalRequest: canonical.text,
            stringToSign: stringToSign
        )
    }

    /// Presigns `url` for `method` and returns the URL to hand out; only `Host` is signed.
    /// S3 URLs leave the body unsigned (`UNSIGNED-PAYLOAD`); other services sign an empty body.
    public func presignedURL(_ url: String, method: String = "GET", expiresIn: Int, date: Date = Date())
        throws(SigV4Error) -> String
    {
        let parsed = try RequestURL(parsing: url)
        let request = SigV4Request(
            method: method,
            path: parsed.path,
            query: parsed.query,
            headers: [SigV4Request.Header("Host", parsed.hostHeaderValue)]
        )
        let payload: SigV4Payload = service == "s3" ? .unsigned : .emptyBody
        let presigned = try presign(request, payload: payload, expiresIn: expiresIn, date: date)
        return parsed.replacingQuery(with: presigned.query)
    }

    /// Refuses `UNSIGNED-PAYLOAD` for services other than S3.
    private func checkPayload(_ payload: SigV4Payload) throws(SigV4Error) {
        if payload == .unsigned, service != "s3" {
            throw .unsignedPayloadRequiresS3(service: service)
        }
    }

    /// `headers` less those in ``unsignableHeaderNames``.
    private static func signable(_ headers: [SigV4Request.Header]) -> [SigV4Request.Header] {
        headers.filter { !unsignableHeaderNames.contains($0.name.lowercased()) }
    }

    /// The canonical form of the signable ones among `headers`; `Host` must be among them.
    private func canonicalHeaders(of headers: [SigV4Request.Header]) throws(SigV4Error) -> CanonicalHeaders {
        let canonical = CanonicalHeaders(Self.signable(headers))
        guard canonical.contains("host") else { throw .missingHostHeader }
        return canonical
    }

    /// The hex HMAC-SHA256 of `stringToSign` under the key derived for `scope`.
    private func hexSignature(of stringToSign: String, scope: CredentialScope) -> String {
        let key = scope.signingKey(secretAccessKey: credentials.secretAccessKey)
        return HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key).hexEncoded
    }
}

import AWSClient
import Crypto
import Foundation

/// ``ObjectStore`` in an S3 bucket, on AWS or any S3-compatible store at a configured endpoint, with path-style or
/// virtual-hosted addressing. Every key lives under the store's prefix, so keys can never reach other objects of
/// the bucket. Requests are signed with SigV4 and retried by ``AWSServiceClient``; downloads are handed out as
/// presigned URLs, or as URLs under a public base (a CDN in front of the bucket) when one is configured.
public struct S3ObjectStore: ObjectStore {
    /// The bucket.
    public let bucket: String
    /// The key prefix inside the bucket: empty or ending in `/`.
    public let prefix: String
    /// The service endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`.
    public let endpoint: URL
    /// Whether the bucket goes in the path (`endpoint/bucket/key`) rather than the host (`bucket.endpoint/key`).
    public let pathStyle: Bool
    /// A public base URL for downloads (a CDN), or nil for presigned URLs.
    public let publicURL: String?
    /// How long a presigned download URL is valid, in seconds.
    public let presignedExpiry: Int
    /// The signed-request client.
    public let client: AWSServiceClient

    /// A store in `bucket` under `prefix` (`""`, or segments like `photos/`), reached through `endpoint`.
    public init(
        bucket: String, prefix: String, endpoint: URL, pathStyle: Bool, publicURL: String? = nil,
        presignedExpiry: Int = 900, client: AWSServiceClient
    ) throws(ObjectStoreError) {
        guard S3BucketName.isValid(bucket) else { throw .invalidKey(bucket, "is not a valid S3 bucket name") }
        let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        if !trimmed.isEmpty { _ = try ObjectKey(trimmed) }
        self.bucket = bucket
        self.prefix = trimmed.isEmpty ? "" : trimmed + "/"
        self.endpoint = endpoint
        self.pathStyle = pathStyle
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.presignedExpiry = presignedExpiry
        self.client = client
    }

    /// `s3://bucket/prefix`.
    public var location: String { "s3://\(bucket)/\(prefix)" }

    /// The bucket's base URL, without a trailing slash.
    var bucketURL: String {
        let base = endpoint.absoluteString.hasSuffix("/") ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        if pathStyle { return "\(base)/\(bucket)" }
        let scheme = endpoint.scheme ?? "https"
        let hostAndPort = base.dropFirst(scheme.count + 3)
        return "\(scheme)://\(bucket).\(hostAndPort)"
    }

    /// The CDN's origin when a public URL is set, else the bucket's (where presigned URLs point).
    public var downloadOrigin: String? {
        guard let parts = URLComponents(string: publicURL ?? bucketURL), let scheme = parts.scheme, let host = parts.host
        else { return nil }
        return "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
    }

    /// The object's URL (key characters are all unreserved, so they need no encoding).
    func url(for key: ObjectKey) -> String { "\(bucketURL)/\(prefix)\(key.value)" }

    /// Uploads with its content type and its SHA-256 for S3 to check.
    public func put(_ bytes: [UInt8], at key: ObjectKey, contentType: String) async throws {
        let digest = SHA256.hash(data: bytes)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        _ = try await send(
            "PUT", url(for: key), key: key, body: bytes, payload: .sha256(hex: hex),
            headers: [
                SigV4Request.Header("Content-Type", contentType),
                SigV4Request.Header("x-amz-checksum-sha256", Data(digest).base64EncodedString()),
            ])
    }

    /// Downloads the object; ``ObjectStoreError/notFound(_:)`` when there is none.
    public func get(_ key: ObjectKey) async throws -> [UInt8] {
        try await send("GET", url(for: key), key: key).body
    }

    /// The object's size and content type; nil when there is none.
    public func head(_ key: ObjectKey) async throws -> ObjectMetadata? {
        do {
            let response = try await send("HEAD", url(for: key), key: key)
            return ObjectMetadata(
                byteCount: Int(response.header("Content-Length") ?? "") ?? 0,
                contentType: response.header("Content-Type") ?? "application/octet-stream")
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
    }

    /// Deletes the object; deleting nothing is no error.
    public func delete(_ key: ObjectKey) async throws {
        do {
            _ = try await send("DELETE", url(for: key), key: key)
        } catch {
            if case .notFound = error { return }
            throw error
        }
    }

    /// Lists with `ListObjectsV2`, following continuation tokens.
    public func list(prefix keyPrefix: String) async throws -> [ObjectKey] {
        var keys: [ObjectKey] = []
        var token: String?
        repeat {
            var query = "list-type=2&prefix=\(URIEncoding.encode(prefix + keyPrefix))"
            if let token { query = "continuation-token=\(URIEncoding.encode(token))&" + query }
            let page = S3ListPage(xml: try await send("GET", "\(bucketURL)?\(query)", key: nil).text)
            keys += page.keys.compactMap { full in
                full.hasPrefix(prefix) ? try? ObjectKey(String(full.dropFirst(prefix.count))) : nil
            }
            token = page.nextToken
        } while token != nil
        return keys.sorted { $0.value < $1.value }
    }

    /// Writes, reads back and deletes a small object under `health/`.
    public func probe() async throws {
        let key = try ObjectKey("health/probe-\(UUID().uuidString.lowercased())")
        try await put(Array("ok".utf8), at: key, contentType: "text/plain")
        guard try await get(key) == Array("ok".utf8) else { throw ObjectStoreError.unavailable("read back differs") }
        try await delete(key)
    }

    /// The public URL when configured, else a presigned GET valid for ``presignedExpiry`` seconds.
    public func downloadURL(for key: ObjectKey) async throws -> String? {
        if let publicURL { return "\(publicURL)/\(prefix)\(key.value)" }
        do {
            return try await client.presignedURL(url(for: key), expiresIn: presignedExpiry)
        } catch {
            throw ObjectStoreError.unavailable("cannot presign \(key) in \(location): \(error)")
        }
    }

    /// Sends one request; a missing key (404, `NoSuchKey`) becomes ``ObjectStoreError/notFound(_:)``, everything
    /// else ``ObjectStoreError/unavailable(_:)`` naming the bucket.
    private func send(
        _ method: String, _ url: String, key: ObjectKey?, body: [UInt8] = [], payload: SigV4Payload? = nil,
        headers: [SigV4Request.Header] = []
    ) async throws(ObjectStoreError) -> AWSResponse {
        do {
            return try await client.send(method, url, headers: headers, body: body, payload: payload)
        } catch {
            if case .service(404, let code, _) = error, let key, code == "NoSuchKey" || code == "HTTP404" || method == "HEAD" {
                throw .notFound(key.value)
            }
            throw .unavailable("\(method) \(key.map { "\($0)" } ?? "") in \(location): \(error)")
        }
    }
}

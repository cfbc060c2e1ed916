import AWSClient
import Foundation

/// Where photos are kept: `file:PATH` (a folder, the default) or `s3://BUCKET/PREFIX` (an S3 bucket on AWS or any
/// S3-compatible store); the one place a store is chosen from the configuration.
public enum ObjectStoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A folder of the local disk.
    case file(path: String)
    /// A bucket and a key prefix.
    case s3(bucket: String, prefix: String)

    /// Parses a storage address.
    public init(url: String) throws(ObjectStoreError) {
        if url.hasPrefix("file:") {
            let path = String(url.dropFirst("file:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw .invalidLocation(url, "file: needs a folder") }
            self = .file(path: path)
            return
        }
        guard url.hasPrefix("s3://") else { throw .invalidLocation(url, "use file:PATH or s3://BUCKET/PREFIX") }
        let rest = url.dropFirst("s3://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        let prefix = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
        guard S3BucketName.isValid(bucket) else { throw .invalidLocation(url, "'\(bucket)' is not a valid bucket name") }
        self = .s3(bucket: bucket, prefix: prefix)
    }

    /// The address as configured.
    public var description: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .s3(let bucket, let prefix): "s3://\(bucket)/\(prefix)"
        }
    }

    /// How an S3 store is reached, from the `storage.*` settings.
    public struct S3Access: Sendable {
        /// The endpoint (`storage.endpoint`); AWS's regional endpoint when nil.
        public var endpoint: String?
        /// The region (`storage.region`, else `AWS_REGION`, `AWS_DEFAULT_REGION`).
        public var region: String?
        /// Bucket in the path rather than the host (`storage.path_style`).
        public var pathStyle: Bool
        /// A CDN base for downloads (`storage.public_url`).
        public var publicURL: String?
        /// How long one store call may take, retries included (`storage.timeout_ms`), beyond its body's transfer time.
        public var deadline: Duration
        /// The slowest pace, in bytes per second, a body is given time for (`storage.min_transfer_kib_per_second`).
        public var minimumTransferRate: Int
        /// Where credentials come from.
        public var credentials: any AWSCredentialsProvider

        /// Access settings from their parts.
        public init(
            endpoint: String?, region: String?, pathStyle: Bool, publicURL: String?, deadline: Duration,
            minimumTransferRate: Int = 256 << 10, credentials: any AWSCredentialsProvider
        ) {
            self.endpoint = endpoint
            self.region = region
            self.pathStyle = pathStyle
            self.publicURL = publicURL
            self.deadline = deadline
            self.minimumTransferRate = minimumTransferRate
            self.credentials = credentials
        }
    }

    /// Opens the store; an S3 store needs a region (configured or from the environment).
    public func open(s3 access: S3Access) throws -> any ObjectStore {
        switch self {
        case .file(let path):
            return try LocalObjectStore(root: URL(fileURLWithPath: path))
        case .s3(let bucket, let prefix):
            guard let region = access.region, !region.isEmpty else {
                throw ObjectStoreError.invalidLocation(description, "needs a region: set storage.region or AWS_REGION")
            }
            let endpointText = access.endpoint ?? "https://s3.\(region).amazonaws.com"
            guard let endpoint = URL(string: endpointText), endpoint.scheme != nil, endpoint.host != nil else {
                throw ObjectStoreError.invalidLocation(endpointText, "storage.endpoint is not a URL")
            }
            let client = AWSServiceClient(
                service: "s3", region: region, credentials: access.credentials, deadline: access.deadline,
                minimumTransferRate: access.minimumTransferRate)
            return try S3ObjectStore(
                bucket: bucket, prefix: prefix, endpoint: endpoint, pathStyle: access.pathStyle,
                publicURL: access.publicURL.flatMap { $0.isEmpty ? nil : $0 }, client: client)
        }
    }
}

/// How a service expects the request path to be written in the canonical request.
///
/// S3 takes the object key as it is: no segment is resolved or dropped, and the path is encoded once.
/// Every other service resolves `.` and `..`, drops empty segments and encodes the wire path a second time.
public struct CanonicalPathRules: Sendable, Hashable {
    /// Whether `.` and `..` segments are resolved and duplicate slashes collapsed before encoding.
    public var normalizesSegments: Bool
    /// Whether the wire path, already percent-encoded, is encoded again (`%20` becomes `%2520`);
    /// when false each segment is decoded and encoded once, which is what S3 compares against.
    public var encodesTwice: Bool

    /// The rules S3 uses: keep every segment, encode once.
    public static let s3 = CanonicalPathRules(normalizesSegments: false, encodesTwice: false)
    /// The rules every service but S3 uses: normalise, then encode the wire path again.
    public static let standard = CanonicalPathRules(normalizesSegments: true, encodesTwice: true)

    /// Creates rules from their two choices.
    public init(normalizesSegments: Bool, encodesTwice: Bool) {
        self.normalizesSegments = normalizesSegments
        self.encodesTwice = encodesTwice
    }

    /// The canonical URI line for a request whose wire path is `wirePath`.
    func canonicalPath(for wirePath: String) -> String {
        let absolutePath = wirePath.hasPrefix("/") ? wirePath : "/" + wirePath
        let path = normalizesSegments ? Self.removingDotAndEmptySegments(from: absolutePath) : absolutePath
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { segment in
                encodesTwice ? URIEncoding.encode(segment) : URIEncoding.encode(URIEncoding.decode(segment))
            }
            .joined(separator: "/")
    }

    /// Resolves `.` and `..` as RFC 3986 does and collapses runs of `/`; keeps a trailing slash.
    static func removingDotAndEmptySegments(from path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case ".":
                continue
            case "..":
                _ = kept.popLast()
            default:
                kept.append(segment)
            }
        }
        guard !kept.isEmpty else { return "/" }
        let endsInDirectory = path.hasSuffix("/") || segments.last == "." || segments.last == ".."
        return "/" + kept.joined(separator: "/") + (endsInDirectory ? "/" : "")
    }
}

import AWSClient
import Foundation
import Testing

/// Canonicalisation rules beyond what the published vectors cover: S3 paths, encoding, headers, errors.
@Suite("Canonicalisation and signer options")
struct CanonicalizationTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    /// The line of the canonical request at `index` when `service` signs `request`.
    static func canonicalLine(
        _ index: Int, service: String, path: String, query: String = "", headers: [SigV4Request.Header] = []
    ) throws -> String {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: service)
        let request = SigV4Request(
            method: "GET", path: path, query: query, headers: [SigV4Request.Header("Host", "h.example")] + headers)
        let signed = try signer.sign(request, payload: .emptyBody, date: date)
        return String(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[index])
    }

    @Test("S3 keeps empty and dot segments and encodes the key once", arguments: [
        ("/bucket//a/./b/../c", "/bucket//a/./b/../c"),
        ("/photos/a%20b.jpg", "/photos/a%20b.jpg"),
        ("/photos/a b.jpg", "/photos/a%20b.jpg"),
        ("/k/%E2%82%AC+x=y", "/k/%E2%82%AC%2Bx%3Dy"),
        ("/k/caf%c3%a9", "/k/caf%C3%A9"),
    ])
    func s3Path(path: String, canonical: String) throws {
        #expect(try Self.canonicalLine(1, service: "s3", path: path) == canonical)
    }

    @Test("other services normalise the path and encode it a second time", arguments: [
        ("/queue//a/./b/../c/", "/queue/a/c/"),
        ("/a%20b", "/a%2520b"),
        ("/a/..", "/"),
        ("", "/"),
    ])
    func standardPath(path: String, canonical: String) throws {
        #expect(try Self.canonicalLine(1, service: "sqs", path: path) == canonical)
    }

    @Test("query: names and values re-encoded, sorted by name then value, bare names get '='")
    func query() throws {
        let line = try Self.canonicalLine(
            2, service: "sqs", path: "/", query: "b=2&a=z&a=%2Fy&c&d=a+b&e=%7e&&f=x%20y")
        #expect(line == "a=%2Fy&a=z&b=2&c=&d=a%2Bb&e=~&f=x%20y")
    }

    @Test("headers: names lower-cased, values trimmed and collapsed, repeats joined, unsignable ones skipped")
    func headers() throws {
        let signer = SigV4Signer(credentials: Self.credentials, region: "eu-west-1", service: "sqs")
        let request = SigV4Request(
            method: "POST",
            path: "/",
            headers: [
                SigV4Request.Header("Host", "sqs.eu-west-1.amazonaws.com"),
                SigV4Request.Header("X-Custom", "  a   b\t c  "),
                SigV4Request.Header("x-custom", "d"),
                SigV4Request.Header("User-Agent", "bookplate/1.0"),
                SigV4Request.Header("Authorization", "stale"),
            ]
        )
        let signed = try signer.sign(request, payload: .emptyBody, date: Self.date)

        #expect(signed.canonicalRequest.contains("\nx-custom:a b c,d\n"))
        #expect(signed.authorization.contains("SignedHeaders=host;x-amz-date;x-custom,"))
        #expect(!signed.headers.contains { $0.value == "stale" })
        #expect(signed.headers.contains(SigV4Request.Header("User-Agent", "bookplate/1.0")))
        #expect(signed.headers.last == SigV4Request.Header("Authorization", signed.authorization))
        #expect(!signed.headers.contains { $0.name == "x-amz-content-sha256" })
    }

    @Test("S3 gets x-amz-content-sha256 and the session token header")
    func s3HeadersWithToken() throws {
        let credentials = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "tok")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let request = try SigV4Request(method: "GET", url: "https://bucket.s3.amazonaws.com:443/key")
        let signed = try signer.sign(request, payload: .unsigned, date: Self.date)

        #expect(request.headers == [SigV4Request.Header("Host", "bucket.s3.amazonaws.com")])
        #expect(signed.headers.contains(SigV4Request.Header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")))
        #expect(signed.headers.contains(SigV4Request.Header("x-amz-security-token", "tok")))
        #expect(
            signed.authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
        #expect(signed.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
    }

    @Test("UNSIGNED-PAYLOAD is refused for services other than S3")
    func unsignedPayloadOnlyForS3() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "sqs")
        let request = SigV4Request(method: "GET", path: "/", headers: [SigV4Request.Header("Host", "h")])
        #expect(throws: SigV4Error.unsignedPayloadRequiresS3(service: "sqs")) {
            try signer.sign(request, payload: .unsigned)
        }
        #expect(throws: SigV4Error.unsignedPayloadRequiresS3(service: "sqs")) {
            try signer.presign(request, payload: .unsigned, expiresIn: 60)
        }
    }

    @Test("presigned expiry must be 1…604800 seconds", arguments: [0, -5, 604_801])
    func expiryOutOfRange(seconds: Int) {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "s3")
        #expect(throws: SigV4Error.expiryOutOfRange(seconds: seconds)) {
            try signer.presignedURL("https://b.s3.amazonaws.com/k", expiresIn: seconds)
        }
    }

    @Test("presigning keeps the URL's own query and adds the session token")
    func presignWithQueryAndToken() throws {
        let credentials = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "a/b+c=")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let url = try signer.presignedURL(
            "http://localhost:9000/bucket/my%20key?versionId=3#frag", expiresIn: 604_800, date: Self.date)

        #expect(url.hasPrefix("http://localhost:9000/bucket/my%20key?X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
        #expect(
            url.contains(
                "&X-Amz-Expires=604800&X-Amz-Security-Token=a%2Fb%2Bc%3D&X-Amz-SignedHeaders=host&versionId=3"
                    + "&X-Amz-Signature="))
        #expect(!url.contains("#frag"))
    }

    @Test("a request without Host cannot be signed, and a relative URL is refused")
    func missingHostAndBadURL() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "sqs")
        #expect(throws: SigV4Error.missingHostHeader) {
            try signer.sign(SigV4Request(method: "GET", path: "/"), payload: .emptyBody)
        }
        #expect(throws: SigV4Error.invalidURL("/relative")) {
            try SigV4Request(method: "GET", url: "/relative")
        }
    }

    @Test("the x-amz-date is the signing time in UTC")
    func timestamp() throws {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "sqs")
        let request = SigV4Request(method: "GET", path: "/", headers: [SigV4Request.Header("Host", "h")])
        let signed = try signer.sign(request, payload: .emptyBody, date: Date(timeIntervalSince1970: 1_704_067_199))
        #expect(signed.headers.contains(SigV4Request.Header("x-amz-date", "20231231T235959Z")))
        #expect(signed.authorization.contains("Credential=AKIDEXAMPLE/20231231/us-east-1/sqs/aws4_request,"))
    }

    @Test("credentials never print their secret or token")
    func redactedDescription() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        for text in [String(describing: credentials), String(reflecting: credentials), "\(credentials)"] {
            #expect(text.contains("AKID"))
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("t0k3n"))
        }
    }
}

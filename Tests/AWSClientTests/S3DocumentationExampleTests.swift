import AWSClient
import Foundation
import Testing

/// The worked examples of the Amazon S3 API Reference:
/// "Signature Calculations for the Authorization Header: Transferring Payload in a Single Chunk"
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html) and
/// "Authenticating Requests: Using Query Parameters"
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
@Suite("S3 documentation examples")
struct S3DocumentationExampleTests {
    static let signer = SigV4Signer(
        credentials: AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1",
        service: "s3"
    )
    /// 2013-05-24T00:00:00Z.
    static let date = Date(timeIntervalSince1970: 1_369_353_600)
    static let host = SigV4Request.Header("Host", "examplebucket.s3.amazonaws.com")
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The string to sign for a canonical request whose SHA-256 is `digest`.
    static func stringToSign(canonicalRequestDigest digest: String) -> String {
        "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n\(digest)"
    }

    /// The Authorization header for `signedHeaders` and `signature`, in the suite's `, `-separated form.
    static func authorization(signedHeaders: String, signature: String) -> String {
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    @Test("GET Object with a Range header")
    func getObject() throws {
        let request = SigV4Request(
            method: "GET", path: "/test.txt", headers: [Self.host, SigV4Request.Header("Range", "bytes=0-9")])
        let signed = try Self.signer.sign(request, payload: .emptyBody, date: Self.date)

        #expect(
            signed.canonicalRequest == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:\(Self.emptyHash)
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                \(Self.emptyHash)
                """)
        #expect(
            signed.stringToSign
                == Self.stringToSign(
                    canonicalRequestDigest: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"))
        #expect(
            signed.authorization
                == Self.authorization(
                    signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
                    signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
        #expect(signed.headers.contains(SigV4Request.Header("x-amz-content-sha256", Self.emptyHash)))
        #expect(signed.headers.contains(SigV4Request.Header("x-amz-date", "20130524T000000Z")))
    }

    @Test("PUT Object with a signed payload and a dollar sign in the key")
    func putObject() throws {
        let request = SigV4Request(
            method: "PUT",
            path: "/test$file.text",
            headers: [
                Self.host,
                SigV4Request.Header("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                SigV4Request.Header("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ]
        )
        let payload = SigV4Payload.hashing(Array("Welcome to Amazon S3.".utf8))
        let signed = try Self.signer.sign(request, payload: payload, date: Self.date)

        #expect(payload == .sha256(hex: "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"))
        #expect(signed.canonicalRequest.hasPrefix("PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\n"))
        #expect(
            signed.stringToSign
                == Self.stringToSign(
                    canonicalRequestDigest: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"))
        #expect(
            signed.authorization
                == Self.authorization(
                    signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                    signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
    }

    @Test("GET Bucket Lifecycle: a query parameter without a value")
    func getBucketLifecycle() throws {
        let request = SigV4Request(method: "GET", path: "/", query: "lifecycle", headers: [Self.host])
        let signed = try Self.signer.sign(request, payload: .emptyBody, date: Self.date)

        #expect(signed.canonicalRequest.hasPrefix("GET\n/\nlifecycle=\nhost:"))
        #expect(
            signed.stringToSign
                == Self.stringToSign(
                    canonicalRequestDigest: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca"))
        #expect(signed.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test("GET Bucket (List Objects): query parameters sorted whatever order they come in", arguments: [
        "max-keys=2&prefix=J", "prefix=J&max-keys=2",
    ])
    func listObjects(query: String) throws {
        let request = try SigV4Request(method: "GET", url: "https://examplebucket.s3.amazonaws.com/?\(query)")
        let signed = try Self.signer.sign(request, payload: .emptyBody, date: Self.date)

        #expect(signed.canonicalRequest.hasPrefix("GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"))
        #expect(
            signed.stringToSign
                == Self.stringToSign(
                    canonicalRequestDigest: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7"))
        #expect(
            signed.authorization
                == Self.authorization(
                    signedHeaders: "host;x-amz-content-sha256;x-amz-date",
                    signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    @Test("presigned GET Object URL valid for a day")
    func presignedGetObject() throws {
        let url = try Self.signer.presignedURL(
            "https://examplebucket.s3.amazonaws.com/test.txt", expiresIn: 86400, date: Self.date)

        #expect(
            url == "https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")

        let presigned = try Self.signer.presign(
            SigV4Request(method: "GET", path: "/test.txt", headers: [Self.host]),
            payload: .unsigned, expiresIn: 86400, date: Self.date)
        #expect(presigned.canonicalRequest.hasSuffix("\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD"))
        #expect(
            presigned.stringToSign
                == Self.stringToSign(
                    canonicalRequestDigest: "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04"))
    }
}

import AWSClient
import Foundation
import ObjectStorage
import TestSupport
import Testing

/// What only the S3 store does: addressing, public URLs, refusals by the real peer and bad answers.
@Suite("S3 object store against moto", .timeLimit(.minutes(2)))
struct S3ObjectStoreTests {
    static func store(
        bucket: String, endpoint: URL, pathStyle: Bool = true, publicURL: String? = nil,
        credentials: AWSCredentials? = nil
    ) throws -> S3ObjectStore {
        try S3ObjectStore(
            bucket: bucket, prefix: "photos/", endpoint: endpoint, pathStyle: pathStyle, publicURL: publicURL,
            client: try MotoPeer.client("s3", credentials: credentials))
    }

    @Test("path-style and virtual-hosted URLs; a CDN base replaces presigning")
    func addressing() async throws {
        let endpoint = try #require(URL(string: "https://s3.eu-west-1.amazonaws.com"))
        let key = try ObjectKey("books/a/b.png")
        let virtual = try Self.store(bucket: "my-bucket", endpoint: endpoint, pathStyle: false)
        let presigned = try #require(try await virtual.downloadURL(for: key))
        #expect(presigned.hasPrefix("https://my-bucket.s3.eu-west-1.amazonaws.com/photos/books/a/b.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"))
        let path = try Self.store(bucket: "my-bucket", endpoint: endpoint, pathStyle: true)
        #expect(try await path.downloadURL(for: key)?.hasPrefix("https://s3.eu-west-1.amazonaws.com/my-bucket/photos/books/a/b.png?") == true)
        let cdn = try Self.store(bucket: "my-bucket", endpoint: endpoint, publicURL: "https://cdn.example.com/")
        #expect(try await cdn.downloadURL(for: key) == "https://cdn.example.com/photos/books/a/b.png")
        #expect(virtual.location == "s3://my-bucket/photos/")
        #expect(virtual.downloadOrigin == "https://my-bucket.s3.eu-west-1.amazonaws.com")
        #expect(path.downloadOrigin == "https://s3.eu-west-1.amazonaws.com" && cdn.downloadOrigin == "https://cdn.example.com")
        let local = try Self.store(bucket: "local-bucket", endpoint: try #require(URL(string: "http://127.0.0.1:5000")))
        #expect(local.downloadOrigin == "http://127.0.0.1:5000")
    }

    @Test("bad bucket names and prefixes that could escape are refused")
    func hostileNames() throws {
        let endpoint = try MotoPeer.endpoint()
        for bucket in ["", "ab", "Upper", "a..b", "-start", "bucket/../x", String(repeating: "a", count: 64)] {
            #expect(throws: ObjectStoreError.self, "\(bucket)") { try Self.store(bucket: bucket, endpoint: endpoint) }
        }
        for prefix in ["../x", "a//b", "/abs", "a/./b"] {
            #expect(throws: ObjectStoreError.self, "\(prefix)") {
                try S3ObjectStore(bucket: "fine-bucket", prefix: prefix, endpoint: endpoint, pathStyle: true, client: try MotoPeer.client("s3"))
            }
        }
    }

    @Test("a wrong secret is refused by the peer; the error names the bucket and the reason")
    func wrongSignature() async throws {
        let bucket = try await MotoPeer.createBucket()
        var credentials = try MotoPeer.credentials()
        credentials.secretAccessKey += "x"
        let store = try Self.store(bucket: bucket, endpoint: try MotoPeer.endpoint(), credentials: credentials)
        do {
            try await store.put([1], at: try ObjectKey("x.jpg"), contentType: "image/jpeg")
            Issue.record("a wrongly signed put was accepted")
        } catch let error as ObjectStoreError {
            #expect("\(error)".contains("SignatureDoesNotMatch"), "\(error)")
            #expect("\(error)".contains(bucket))
        }
        let unknownKey = try Self.store(
            bucket: bucket, endpoint: try MotoPeer.endpoint(),
            credentials: AWSCredentials(accessKeyID: "AKIANOTKNOWN0000000", secretAccessKey: "nope"))
        await #expect(throws: ObjectStoreError.self) { try await unknownKey.probe() }
    }

    @Test("a missing bucket is a clear error for every operation, and the probe fails")
    func missingBucket() async throws {
        let store = try Self.store(bucket: "no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))", endpoint: try MotoPeer.endpoint())
        do {
            try await store.probe()
            Issue.record("the probe of a missing bucket passed")
        } catch {
            #expect("\(error)".contains("NoSuchBucket"), "\(error)")
        }
        await #expect(throws: ObjectStoreError.self) { try await store.list(prefix: "") }
    }

    @Test("an unreachable endpoint fails within the retry budget, not forever")
    func unreachable() async throws {
        let closed = try #require(URL(string: "http://127.0.0.1:9"))
        let store = try S3ObjectStore(
            bucket: "any-bucket", prefix: "", endpoint: closed, pathStyle: true,
            client: try MotoPeer.client("s3", retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10)), deadline: .seconds(2)))
        let start = ContinuousClock.now
        await #expect(throws: ObjectStoreError.self) { try await store.get(try ObjectKey("a.jpg")) }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test("503 SlowDown from a loopback proxy is retried with backoff and nothing is lost; endless throttling gives up clearly")
    func slowDown() async throws {
        let bucket = try await MotoPeer.createBucket()
        try await ThrottlingProxy.run(upstream: try MotoPeer.endpoint(), refusing: 3, with: .s3SlowDown) { proxy, counts in
            let store = try S3ObjectStore(
                bucket: bucket, prefix: "photos", endpoint: proxy, pathStyle: true,
                client: try MotoPeer.client("s3", retry: RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(20))))
            let key = try ObjectKey("books/x/originals/a.jpg")
            let bytes = [UInt8](repeating: 42, count: 300_000)
            try await store.put(bytes, at: key, contentType: "image/jpeg")
            #expect(counts.refused == 3 && counts.forwarded == 1)
            #expect(try await store.get(key) == bytes)
        }
        try await ThrottlingProxy.run(upstream: try MotoPeer.endpoint(), refusing: 100, with: .s3SlowDown) { proxy, counts in
            let store = try S3ObjectStore(
                bucket: bucket, prefix: "photos", endpoint: proxy, pathStyle: true,
                client: try MotoPeer.client("s3", retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10))))
            do {
                _ = try await store.get(try ObjectKey("books/x/originals/a.jpg"))
                Issue.record("an endlessly throttled get succeeded")
            } catch {
                #expect("\(error)".contains("SlowDown"), "\(error)")
            }
            #expect(counts.refused == 3)
        }
    }
}

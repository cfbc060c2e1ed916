import Foundation
import ObjectStorage
import Testing

/// What every ``ObjectStore`` promises, run unchanged against each back end.
@Suite("Object store contract", .timeLimit(.minutes(2)))
struct ObjectStoreContractTests {
    @Test("put, get, replace and delete round-trip; missing keys are named", arguments: StoreBackend.allCases)
    func roundTrip(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.makeStore()
        defer { cleanup() }
        let key = try ObjectKey("books/abc/originals/photo-1.jpg")
        try await store.put([1, 2, 3], at: key, contentType: "image/jpeg")
        #expect(try await store.get(key) == [1, 2, 3])
        try await store.put([4], at: key, contentType: "image/jpeg")
        #expect(try await store.get(key) == [4])
        try await store.delete(key)
        try await store.delete(key)
        await #expect(throws: ObjectStoreError.notFound(key.value)) { try await store.get(key) }
        try await store.probe()
    }

    @Test("head gives size and content type, nil for a missing key", arguments: StoreBackend.allCases)
    func head(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.makeStore()
        defer { cleanup() }
        let key = try ObjectKey("books/abc/processed/photo.png")
        #expect(try await store.head(key) == nil)
        let bytes = [UInt8](repeating: 7, count: 70_001)
        try await store.put(bytes, at: key, contentType: "image/png")
        #expect(try await store.head(key) == ObjectMetadata(byteCount: 70_001, contentType: "image/png"))
    }

    /// moto 5.2.1 computes the signature of a query holding `%2F` from the decoded `/` (boto3's own
    /// `list_objects_v2(Prefix="a/b")` is refused too), so with its signature checks on, the listed prefixes here
    /// hold no `/`: the store sits at the bucket's root and the keys below the listed prefix carry the slashes.
    @Test("list by prefix: sorted, only keys with the prefix", arguments: StoreBackend.allCases)
    func list(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.makeStore(prefix: "")
        defer { cleanup() }
        var expected: [String] = []
        for index in 0..<12 {
            let key = "b1-thumbs/\(String(format: "%03d", index)).jpg"
            try await store.put([UInt8(index)], at: try ObjectKey(key), contentType: "image/jpeg")
            expected.append(key)
        }
        try await store.put([0], at: try ObjectKey("b2-thumbs/x.jpg"), contentType: "image/jpeg")
        #expect(try await store.list(prefix: "b1-").map(\.value) == expected)
        #expect(try await store.list(prefix: "b").count == 13)
        #expect(try await store.list(prefix: "nothing").isEmpty)
    }

    @Test("large bytes come back byte for byte", arguments: StoreBackend.allCases)
    func largeObject(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.makeStore()
        defer { cleanup() }
        let bytes = try Self.randomBytes(6 << 20)
        let key = try ObjectKey("books/big/original.jpg")
        try await store.put(bytes, at: key, contentType: "image/jpeg")
        #expect(try await store.get(key) == bytes)
    }

    /// `count` bytes from the kernel's random source in one read. Drawn one at a time through
    /// `SystemRandomNumberGenerator` they cost a system call each: 6 MiB of them held a cooperative thread for
    /// seconds in a debug build, long enough to fail other suites' deadline checks running beside.
    static func randomBytes(_ count: Int) throws -> [UInt8] {
        let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
        defer { try? source.close() }
        let bytes = try #require(try source.read(upToCount: count))
        try #require(bytes.count == count)
        return [UInt8](bytes)
    }

    /// moto answers 500 to any presigned (query-signed) request while its signature checks are on (it reads only
    /// the Authorization header), so the presigned signature itself is checked against S3's documented example in
    /// `S3DocumentationExampleTests`; here the URL must name the object and carry a complete query signature.
    @Test("a download URL, where the store gives one, names the object and is presigned", arguments: StoreBackend.allCases)
    func downloadURL(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.makeStore()
        defer { cleanup() }
        let key = try ObjectKey("books/abc/processed/photo.png")
        try await store.put([9, 8, 7], at: key, contentType: "image/png")
        guard let url = try await store.downloadURL(for: key) else {
            #expect(backend == .local && store.downloadOrigin == nil)
            return
        }
        #expect(url.hasPrefix(try #require(store.downloadOrigin) + "/"), "\(url) is outside the origin pages allow")
        let parts = try #require(URLComponents(string: url))
        #expect(parts.path.hasSuffix("/photos/books/abc/processed/photo.png"))
        let names = Set(parts.queryItems?.map(\.name) ?? [])
        #expect(names == ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"])
        #expect(parts.queryItems?.first { $0.name == "X-Amz-Expires" }?.value == "900")
    }
}

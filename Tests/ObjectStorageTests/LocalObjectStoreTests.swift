import Foundation
import ObjectStorage
import Testing

@Suite("Local object store: what only files do")
struct LocalObjectStoreTests {
    @Test(
        "keys that could escape the folder are refused",
        arguments: [
            "", "/etc/passwd", "../secret", "a/../../b", "a//b", "a/./b", "a\\b", "books/%2e%2e/x", "a b",
            "books/\u{0}x", String(repeating: "a", count: 513), "ключ",
        ])
    func hostileKeys(_ key: String) {
        #expect(throws: ObjectStoreError.self) { try ObjectKey(key) }
    }

    @Test("a replaced file leaves no partial file behind")
    func noLeftovers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LocalObjectStore(root: folder)
        let key = try ObjectKey("books/abc/originals/photo-1.jpg")
        try await store.put([1, 2, 3], at: key, contentType: "image/jpeg")
        try await store.put([4], at: key, contentType: "image/jpeg")
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("books/abc/originals").path)
        #expect(leftovers == ["photo-1.jpg"])
    }

    @Test("an unwritable store reports itself unavailable")
    func unwritable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LocalObjectStore(root: folder)
        let blocker = folder.appendingPathComponent("books")
        try Data().write(to: blocker)
        await #expect(throws: ObjectStoreError.self) {
            try await store.put([1], at: try ObjectKey("books/x/y.jpg"), contentType: "image/jpeg")
        }
    }
}

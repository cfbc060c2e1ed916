import Foundation

/// A fresh directory under the system's temporary directory, for files a test writes.
struct TemporaryDirectory {
    let path: String

    /// Creates an empty directory with a unique name.
    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("aws-signing-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `relativePath` inside the directory, creating folders on the way, and returns its path.
    @discardableResult
    func write(_ text: String, to relativePath: String) throws -> String {
        let filePath = path + "/" + relativePath
        let folder = (filePath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: filePath, atomically: true, encoding: .utf8)
        return filePath
    }

    /// Deletes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation

/// The shared models and photos (`../shared`, or `BOOKPLATE_SHARED_DIR`).
public enum SharedFixtures {
    /// The shared folder.
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["BOOKPLATE_SHARED_DIR"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared")
            .standardizedFileURL
    }

    /// The folder of model files.
    public static var models: URL { directory.appendingPathComponent("models") }

    /// The bytes of a file under `fixtures/`.
    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent("fixtures").appendingPathComponent(path)))
    }
}

import Foundation

/// The release version and the commit it was built from (`BOOKPLATE_COMMIT` at run time when set).
public enum BookplateVersion {
    /// The release version.
    public static let version = "0.3.0"
    /// The source commit, when the environment names it.
    public static var commit: String { ProcessInfo.processInfo.environment["BOOKPLATE_COMMIT"] ?? "unknown" }
}

import Foundation

extension UUID {
    /// The identifier as the API and the queue write it: lower-case hex with hyphens (RFC 9562's canonical form).
    public var lowercased: String { uuidString.lowercased() }
}

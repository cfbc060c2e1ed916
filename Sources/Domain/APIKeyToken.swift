import Crypto
import Foundation

/// The secret an API client presents (`bp_` and 64 hex digits) and the hash under which it is stored.
public struct APIKeyToken: Sendable, Equatable {
    /// The token as the client sends it.
    public let value: String

    /// A token from the text a client sent; nil when it is not shaped like one of ours.
    public init?(_ value: String) {
        guard value.count == 67, value.hasPrefix("bp_"), value.dropFirst(3).allSatisfy(\.isHexDigit) else {
            return nil
        }
        self.value = value
    }

    /// A new token from 32 random bytes.
    public static func generate() -> APIKeyToken {
        APIKeyToken("bp_" + RandomHex.make(bytes: 32))!
    }

    /// SHA-256 of the token, hex: what the database keeps.
    public var hash: String {
        SHA256.hash(data: Array(value.utf8)).hex
    }
}

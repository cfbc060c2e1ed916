import Foundation
import Hummingbird

/// A query string read the way an HTML form writes it (`application/x-www-form-urlencoded`): `+` is a space and
/// `%2B` a plus sign. Hummingbird's `queryParameters` only undoes percent-encoding, so a search for
/// `q=Frank+Herbert` would look for the words joined by a plus.
public struct FormQuery: Sendable {
    /// The fields in the order they were sent; a name sent twice appears twice.
    public let fields: [(name: String, value: String)]

    /// The fields of a URL's query string (after the `?`); a value whose percent-encoding is broken is kept as sent.
    public init(query: String?) {
        fields = (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1] : ""
            return (Self.decode(parts[0]) ?? String(parts[0]), Self.decode(value) ?? String(value))
        }
    }

    /// The first value sent for `name`, if any.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// One name or value decoded as a form sends it; nil when its percent-encoding is broken.
    public static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The query string's fields as a form sends them (`+` a space).
    public var formQuery: FormQuery { FormQuery(query: uri.query) }
}

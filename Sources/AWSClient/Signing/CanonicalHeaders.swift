/// The canonical headers block and the signed-headers list of a canonical request.
struct CanonicalHeaders: Sendable {
    /// One lower-case name with all its values, trimmed, collapsed and joined by commas.
    private struct Entry: Sendable {
        let name: String
        let value: String
    }

    private let entries: [Entry]

    /// Canonicalises `headers`; repeated names are merged in the order they appear, and names are sorted.
    init(_ headers: [SigV4Request.Header]) {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            valuesByName[header.name.lowercased(), default: []].append(Self.normalizedValue(header.value))
        }
        entries = valuesByName
            .map { Entry(name: $0.key, value: $0.value.joined(separator: ",")) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Whether a header of this lower-case name is among the signed ones.
    func contains(_ lowercasedName: String) -> Bool {
        entries.contains { $0.name == lowercasedName }
    }

    /// The `name:value` lines, each ending in a newline, as the canonical request holds them.
    var block: String {
        entries.map { "\($0.name):\($0.value)\n" }.joined()
    }

    /// The names joined by `;`, for `SignedHeaders` and `X-Amz-SignedHeaders`.
    var signedHeaders: String {
        entries.map(\.name).joined(separator: ";")
    }

    /// Trims a value and turns every run of spaces, tabs and line breaks inside it into one space.
    static func normalizedValue(_ value: String) -> String {
        value.split(whereSeparator: { whitespace.contains($0) }).joined(separator: " ")
    }

    /// The characters header values are trimmed of and whose runs collapse: space, tab and line breaks.
    private static let whitespace: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
}

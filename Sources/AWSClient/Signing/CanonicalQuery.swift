/// The canonical query string: every parameter encoded, sorted by name then value, joined with `&`.
struct CanonicalQuery: Sendable {
    /// One parameter with name and value already in canonical encoding.
    struct Parameter: Sendable {
        let encodedName: String
        let encodedValue: String
    }

    private(set) var parameters: [Parameter]

    /// Reads a query as sent on the wire: each name and value is decoded, then encoded the canonical way,
    /// so `a=b c`, `a=b%20c` and `a=b%20c` all sign alike; a name without `=` gets an empty value.
    init(wireQuery: String) {
        parameters = wireQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let equals = pair.firstIndex(of: "=")
            let name = pair[..<(equals ?? pair.endIndex)]
            let value = equals.map { pair[pair.index(after: $0)...] } ?? ""
            return Parameter(
                encodedName: URIEncoding.encode(URIEncoding.decode(name)),
                encodedValue: URIEncoding.encode(URIEncoding.decode(value))
            )
        }
    }

    /// Adds a parameter given in plain, unencoded text.
    mutating func append(name: String, value: String) {
        parameters.append(Parameter(encodedName: URIEncoding.encode(name), encodedValue: URIEncoding.encode(value)))
    }

    /// The canonical query line, sorted by encoded name and then encoded value, byte by byte.
    var text: String {
        parameters
            .sorted { left, right in
                if left.encodedName != right.encodedName {
                    return left.encodedName.utf8.lexicographicallyPrecedes(right.encodedName.utf8)
                }
                return left.encodedValue.utf8.lexicographicallyPrecedes(right.encodedValue.utf8)
            }
            .map { "\($0.encodedName)=\($0.encodedValue)" }
            .joined(separator: "&")
    }
}

/// An absolute URL split into the pieces signing needs, without normalising or re-encoding any of them.
struct RequestURL: Sendable, Hashable {
    /// The scheme in lower case, e.g. `https`.
    let scheme: String
    /// The authority as written, without any user information: host and optional port.
    let authority: String
    /// The path as written; `/` when the URL has none.
    let path: String
    /// The query as written, without `?`; the fragment is dropped.
    let query: String

    /// Splits `string`, which must have the form `scheme://authority[/path][?query][#fragment]`.
    init(parsing string: String) throws(SigV4Error) {
        guard let schemeEnd = string.range(of: "://"), schemeEnd.lowerBound > string.startIndex else {
            throw .invalidURL(string)
        }
        scheme = string[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = string[schemeEnd.upperBound...]
        let withoutFragment = afterScheme.prefix { $0 != "#" }
        let authorityEnd = withoutFragment.firstIndex { $0 == "/" || $0 == "?" } ?? withoutFragment.endIndex
        var authority = withoutFragment[..<authorityEnd]
        if let userInfoEnd = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: userInfoEnd)...]
        }
        guard !authority.isEmpty else { throw .invalidURL(string) }
        self.authority = String(authority)
        let rest = withoutFragment[authorityEnd...]
        let queryStart = rest.firstIndex(of: "?")
        let path = rest[..<(queryStart ?? rest.endIndex)]
        self.path = path.isEmpty ? "/" : String(path)
        query = queryStart.map { String(rest[rest.index(after: $0)...]) } ?? ""
    }

    /// The host without port or brackets, lower-cased, e.g. `127.0.0.1` or `::1`.
    var host: String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return authority[authority.index(after: authority.startIndex)..<close].lowercased()
        }
        return authority.prefix { $0 != ":" }.lowercased()
    }

    /// The `Host` header value: the authority, less a port that is the scheme's default.
    var hostHeaderValue: String {
        let defaultPortSuffix = scheme == "https" ? ":443" : scheme == "http" ? ":80" : nil
        if let defaultPortSuffix, authority.hasSuffix(defaultPortSuffix) {
            return String(authority.dropLast(defaultPortSuffix.count))
        }
        return authority
    }

    /// The URL put back together with `query` in place of the original query.
    func replacingQuery(with query: String) -> String {
        let base = "\(scheme)://\(authority)\(path)"
        return query.isEmpty ? base : "\(base)?\(query)"
    }
}

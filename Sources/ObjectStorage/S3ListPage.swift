/// The keys and continuation token of one `ListObjectsV2` answer, read from its XML.
struct S3ListPage {
    /// The full keys of the page, in order.
    let keys: [String]
    /// The token of the next page, when the listing is truncated.
    let nextToken: String?

    /// Reads `<Contents><Key>` elements and `<NextContinuationToken>` (XML entities decoded).
    init(xml: String) {
        var keys: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<Key>"), let close = rest.range(of: "</Key>", range: open.upperBound..<rest.endIndex) {
            keys.append(Self.unescaped(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        self.keys = keys
        let truncated = xml.contains("<IsTruncated>true</IsTruncated>")
        if truncated, let open = xml.range(of: "<NextContinuationToken>"),
            let close = xml.range(of: "</NextContinuationToken>", range: open.upperBound..<xml.endIndex)
        {
            nextToken = Self.unescaped(xml[open.upperBound..<close.lowerBound])
        } else {
            nextToken = nil
        }
    }

    private static func unescaped(_ text: Substring) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

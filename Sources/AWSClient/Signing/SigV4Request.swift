/// The parts of an HTTP request that a Signature Version 4 signature covers.
public struct SigV4Request: Sendable, Hashable {
    /// One HTTP header field as it will be sent; a name may appear more than once.
    public struct Header: Sendable, Hashable {
        /// The field name, in any letter case.
        public var name: String
        /// The field value as it will be sent.
        public var value: String

        /// Creates a header field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The path exactly as it goes on the wire, i.e. already percent-encoded the way a URL holds it.
    public var path: String
    /// The query string as it goes on the wire, without the leading `?`; empty when there is none.
    public var query: String
    /// The header fields that will be sent, `Host` included.
    public var headers: [Header]

    /// Creates a request from its wire path, wire query and headers.
    public init(method: String, path: String, query: String = "", headers: [Header] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// Creates a request for an absolute URL, adding a `Host` header taken from the URL unless `headers` has one.
    public init(method: String, url: String, headers: [Header] = []) throws(SigV4Error) {
        let parsed = try RequestURL(parsing: url)
        self.init(method: method, path: parsed.path, query: parsed.query, headers: headers)
        if !headers.contains(where: { $0.name.lowercased() == "host" }) {
            self.headers.insert(Header("Host", parsed.hostHeaderValue), at: 0)
        }
    }
}

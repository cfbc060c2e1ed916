import Foundation

/// An answer of an AWS service: status, headers and the whole body.
public struct AWSResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The headers, in order.
    public let headers: [(name: String, value: String)]
    /// The body.
    public let body: [UInt8]

    /// A response from its parts.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The service's error code and message in the body: S3's XML `<Code>`/`<Message>`, or the JSON protocol's
    /// `__type` (after its `#`) and `message`.
    public var errorDetail: (code: String, message: String) {
        let text = self.text
        if let code = Self.element("Code", in: text) {
            return (code, Self.element("Message", in: text) ?? "")
        }
        if let object = try? JSONDecoder().decode([String: String].self, from: Data(body)), let type = object["__type"] {
            let code = type.split(separator: "#").last.map(String.init) ?? type
            return (code, object["message"] ?? object["Message"] ?? "")
        }
        return ("HTTP\(status)", String(text.prefix(300)))
    }

    /// The text of the first `<name>…</name>` in `text`.
    static func element(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"),
            let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}

import Foundation
import HTTPAPI
import Hummingbird

/// An `application/x-www-form-urlencoded` body read with a size limit: the fields a browser's form sent.
struct FormBody {
    /// The largest form body read.
    static let maximumBytes = 16 * 1024

    private let fields: [String: String]

    /// The form fields of `request`; nil when the body is too large or not a form.
    static func read(_ request: Request) async -> FormBody? {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return nil }
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maximumBytes) else { return nil }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormQuery.decode(parts[0]) else { return nil }
            fields[name] = parts.count > 1 ? FormQuery.decode(parts[1]) ?? "" : ""
        }
        return FormBody(fields: fields)
    }

    /// The value of the field `name`, if sent.
    subscript(_ name: String) -> String? { fields[name] }
}

/// A `multipart/form-data` body split into its parts (RFC 7578), with limits on the number of parts and the size
/// of their headers; anything malformed is a clear error rather than a guess.
struct MultipartForm: Sendable {
    /// One part: its field name, file name and media type as sent, and its bytes.
    struct Part: Sendable {
        let name: String
        let filename: String?
        let contentType: String?
        let bytes: ArraySlice<UInt8>
    }

    /// Why a body is not a form.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static let maximumParts = 32
    static let maximumHeaderBytes = 8 * 1024

    let parts: [Part]

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of every part without a file name, by field name (the first of each name).
    var fields: [String: String] {
        var fields: [String: String] = [:]
        for part in parts where part.filename == nil && fields[part.name] == nil {
            fields[part.name] = String(decoding: part.bytes, as: UTF8.self)
        }
        return fields
    }

    /// The boundary of a `multipart/form-data` media type, or nil when it is another type.
    static func boundary(ofContentType contentType: String) throws(Malformed) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingBlanks() }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let boundary = pair[1].count >= 2 && pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"")
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw Malformed(description: "the multipart boundary must be 1 to 70 printable characters")
            }
            return boundary
        }
        throw Malformed(description: "multipart/form-data needs a boundary parameter")
    }

    /// Splits `body` at `boundary`.
    init(body: [UInt8], boundary: String) throws(Malformed) {
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let first = Self.find(delimiter, in: body, from: 0) {
            position = first + delimiter.count
        } else {
            throw Malformed(description: "the body has no multipart boundary")
        }
        var parts: [Part] = []
        while true {
            if body[position...].starts(with: Array("--".utf8)) { break }
            guard body[position...].starts(with: Array("\r\n".utf8)) else {
                throw Malformed(description: "a multipart boundary is not followed by a line break")
            }
            position += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: position, limit: Self.maximumHeaderBytes)
            else { throw Malformed(description: "a part's headers do not end within \(Self.maximumHeaderBytes) bytes") }
            let headers = try Self.headers(body[position..<headerEnd])
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find(delimiter, in: body, from: contentStart) else {
                throw Malformed(description: "the body ends inside a part (no closing boundary)")
            }
            guard parts.count < Self.maximumParts else {
                throw Malformed(description: "a form may have at most \(Self.maximumParts) parts")
            }
            parts.append(Part(
                name: headers.name, filename: headers.filename, contentType: headers.contentType,
                bytes: body[contentStart..<contentEnd]))
            position = contentEnd + delimiter.count
        }
        self.parts = parts
    }

    private static func headers(_ bytes: ArraySlice<UInt8>) throws(Malformed)
        -> (name: String, filename: String?, contentType: String?)
    {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(description: "a part's headers are not UTF-8")
        }
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw Malformed(description: "a part header is not `Name: value`") }
            let value = pair[1].trimmingBlanks()
            switch pair[0].lowercased() {
            case "content-disposition":
                let parameters = Self.parameters(value)
                guard parameters.type == "form-data" else {
                    throw Malformed(description: "a part's Content-Disposition must be form-data")
                }
                name = parameters.values["name"]
                filename = parameters.values["filename"]
            case "content-type":
                contentType = value
            default:
                continue
            }
        }
        guard let name, !name.isEmpty else { throw Malformed(description: "a part has no field name") }
        return (name, filename, contentType)
    }

    private static func parameters(_ value: String) -> (type: String, values: [String: String]) {
        var values: [String: String] = [:]
        var rest = Substring(value)
        let type = rest.prefix { $0 != ";" }.trimmingBlanks().lowercased()
        rest = rest.dropFirst(type.count)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            let key = rest.prefix { $0 != "=" && $0 != ";" }
            rest = rest.dropFirst(key.count)
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst()
            var parameter = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        parameter.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        parameter.append(character)
                    }
                }
            } else {
                parameter = String(rest.prefix { $0 != ";" }).trimmingBlanks()
                rest = rest.dropFirst(parameter.count)
            }
            values[key.trimmingBlanks().lowercased()] = parameter
        }
        return (type, values)
    }

    /// The index of the first `needle` in `haystack` at or after `start`, looking at most `limit` bytes in.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, limit: Int = .max) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        let last = min(haystack.count - needle.count, start > Int.max - limit ? Int.max : start + limit)
        guard start <= last else { return nil }
        return haystack.withUnsafeBufferPointer { bytes -> Int? in
            var index = start
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    fileprivate func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(String(drop(while: blank).reversed().drop(while: blank)).reversed())
    }
}

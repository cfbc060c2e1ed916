import Foundation
import Hummingbird

extension Request {
    /// The JSON body decoded as `type`, refusing bodies over the JSON limit or not JSON at all.
    func decodeJSON<Value: Decodable>(as type: Value.Type) async throws -> Value {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: BodyLimits.maximumJSONBytes)
        } catch {
            throw APIError(
                .contentTooLarge, code: "body_too_large",
                message: "the JSON body is larger than \(BodyLimits.maximumJSONBytes) bytes")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request needs a JSON body", code: "invalid_json") }
        do {
            return try APIJSON.decoder.decode(Value.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIError.badRequest("the body is not valid JSON", code: "invalid_json")
            }
            throw error
        }
    }

    /// An optional integer query parameter within `range`.
    func queryInt(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = formQuery[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)", code: "invalid_parameter")
        }
        return number
    }
}

extension Parameters {
    /// A path parameter that must be a UUID; 404 when it is not one (no such resource can exist).
    func uuid(_ name: String) throws -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw APIError.notFound("\(name) '\(get(name) ?? "")' does not name an existing resource")
        }
        return id
    }
}

/// Builds JSON responses with the API's encoder.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json")
        throws -> Response
    {
        let data = try APIJSON.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

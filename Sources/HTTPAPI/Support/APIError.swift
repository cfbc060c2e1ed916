import Foundation
import Hummingbird

/// The API's one error shape: `{"error": {"status": 404, "code": "not_found", "message": "…"}}`.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable code clients can branch on.
    public var code: String
    /// A sentence a person can act on.
    public var message: String
    /// Seconds after which trying again may succeed (`Retry-After`), for a dependency that is down.
    public var retryAfter: Int?

    /// An error from its parts.
    public init(_ status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// 503 for a dependency (database, object store, queue) that is down or too slow; clients may retry.
    public static func unavailable(_ code: String, _ message: String) -> APIError {
        APIError(.serviceUnavailable, code: code, message: message, retryAfter: 2)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let status: Int
            let code: String
            let message: String
        }
        let error: Detail
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: .init(status: status.code, code: code, message: message))
        let data = try APIJSON.encoder.encode(body)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 400 for a request the server cannot read.
    public static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(.badRequest, code: code, message: message)
    }

    /// 404 for something that does not exist.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    /// 422 for a well-formed request that breaks a rule.
    public static func unprocessable(_ message: String, code: String = "validation_failed") -> APIError {
        APIError(.unprocessableContent, code: code, message: message)
    }
}

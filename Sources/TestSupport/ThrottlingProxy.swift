import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A loopback proxy in front of moto that answers the first requests with a throttling error — S3's
/// `503 SlowDown` or SQS's `400 ThrottlingException` — and forwards the rest unchanged (the Host header included,
/// so that SigV4 signatures still verify), counting both.
public enum ThrottlingProxy {
    /// The error answered while throttling.
    public enum Refusal: Sendable {
        /// S3's `503 SlowDown` in XML.
        case s3SlowDown
        /// SQS's JSON-protocol `ThrottlingException`.
        case sqsThrottling
    }

    /// What went through the proxy.
    public final class Counts: Sendable {
        private let values = Mutex((refused: 0, forwarded: 0))

        /// Requests answered with the throttling error.
        public var refused: Int { values.withLock { $0.refused } }
        /// Requests forwarded to the upstream.
        public var forwarded: Int { values.withLock { $0.forwarded } }

        /// Counts one request; true when it is to be refused.
        func next(refusing: Int) -> Bool {
            values.withLock { counts in
                if counts.refused < refusing {
                    counts.refused += 1
                    return true
                }
                counts.forwarded += 1
                return false
            }
        }
    }

    /// Runs `body` with a proxy to `upstream` that refuses the first `refusing` requests with `refusal`; `body`
    /// gets the proxy's base URL and the counts.
    public static func run<Value: Sendable>(
        upstream: URL, refusing: Int, with refusal: Refusal,
        _ body: @Sendable (URL, Counts) async throws -> Value
    ) async throws -> Value {
        let counts = Counts()
        let router = Router()
        router.on("**", method: .get) { request, _ in try await handle(request, upstream, counts, refusing, refusal) }
        for method in [HTTPRequest.Method.put, .post, .delete, .head] {
            router.on("**", method: method) { request, _ in try await handle(request, upstream, counts, refusing, refusal) }
        }
        router.on("/", method: .post) { request, _ in try await handle(request, upstream, counts, refusing, refusal) }
        router.on("/", method: .get) { request, _ in try await handle(request, upstream, counts, refusing, refusal) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)")!, counts)
        }
    }

    private static func handle(
        _ request: Request, _ upstream: URL, _ counts: Counts, _ refusing: Int, _ refusal: Refusal
    ) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        if counts.next(refusing: refusing) {
            switch refusal {
            case .s3SlowDown:
                let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                return Response(status: .serviceUnavailable, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
            case .sqsThrottling:
                let json = #"{"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"}"#
                return Response(status: .badRequest, headers: [.contentType: "application/x-amz-json-1.0"], body: .init(byteBuffer: ByteBuffer(string: json)))
            }
        }
        var forwarded = HTTPClientRequest(url: upstream.absoluteString.trimmingSuffix("/") + request.uri.description)
        forwarded.method = .init(rawValue: request.method.rawValue)
        for field in request.headers {
            forwarded.headers.add(name: field.name.rawName, value: field.value)
        }
        if let authority = request.head.authority { forwarded.headers.replaceOrAdd(name: "Host", value: authority) }
        forwarded.body = .bytes(body)
        let response = try await HTTPClient.shared.execute(forwarded, timeout: .seconds(30))
        let answer = try await response.body.collect(upTo: 64 << 20)
        var headers = HTTPFields()
        for header in response.headers where header.name.lowercased() != "transfer-encoding" {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: .init(code: Int(response.status.code)), headers: headers, body: .init(byteBuffer: answer))
    }
}

extension String {
    /// The string without a trailing `suffix`.
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

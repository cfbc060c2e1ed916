import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request to a running `bookplate serve`, answered with what the tests look at; a request that gets no
/// answer within 30 s comes back with status 0.
struct ServiceCall: Sendable {
    let status: UInt
    let retryAfter: String?
    let location: String?
    let body: String
    let seconds: Double

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// Sends `method url` with a bearer `key` and an optional body.
    static func send(_ method: HTTPMethod, _ url: String, key: String, body: [UInt8]? = nil) async -> ServiceCall {
        let start = ContinuousClock.now
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await noRedirects.execute(request, timeout: .seconds(30))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return ServiceCall(
                status: response.status.code, retryAfter: response.headers.first(name: "Retry-After"),
                location: response.headers.first(name: "Location"), body: text, seconds: seconds(since: start))
        } catch {
            return ServiceCall(status: 0, retryAfter: nil, location: nil, body: "\(error)", seconds: seconds(since: start))
        }
    }

    /// Sends `method url` with a bearer `key` and a text body.
    static func send(_ method: HTTPMethod, _ url: String, key: String, text: String) async -> ServiceCall {
        await send(method, url, key: key, body: Array(text.utf8))
    }

    private static let noRedirects: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

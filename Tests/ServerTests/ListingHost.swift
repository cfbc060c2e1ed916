import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport

/// A real HTTP server on loopback that plays a sales site: it serves fixture photos, an HTML page, an endless
/// body, a body sent a byte every half second for a minute, and redirects to wherever a test asks.
enum ListingHost {
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("photos/{name}") { _, context -> Response in
            let name = try context.parameters.require("name")
            let path = name == "fort.png" ? "books/fortSolitude.png" : "rembg/inputs/\(name)"
            let bytes = try SharedFixtures.bytes(path)
            return Response(
                status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("page.jpg") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "image/jpeg"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><body>not a photo</body></html>")))
        }
        router.get("huge.jpg") { _, _ -> Response in
            let chunk = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 1 << 20))
            return Response(
                status: .ok, headers: [.contentType: "image/jpeg"],
                body: .init { writer in
                    for _ in 0..<64 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        router.get("trickle.jpg") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "image/jpeg"],
                body: .init { writer in
                    try await writer.write(ByteBuffer(bytes: [0xFF, 0xD8, 0xFF]))
                    for _ in 0..<120 {
                        try await Task.sleep(for: .milliseconds(500))
                        try await writer.write(ByteBuffer(bytes: [0]))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("redirect") { request, _ -> Response in
            let target = request.uri.queryParameters.get("to") ?? "/"
            return Response(status: .found, headers: [.location: target])
        }
        return router
    }

    /// Runs `body` with the host listening on loopback; it gets the host's base URL.
    static func run<Value: Sendable>(_ body: @Sendable (String) async throws -> Value) async throws -> Value {
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}

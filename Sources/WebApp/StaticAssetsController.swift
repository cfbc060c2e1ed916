import Foundation
import HTTPAPI
import Hummingbird

/// `/app/static/{name}`: the embedded style sheets and scripts, cached by the browser for an hour.
struct StaticAssetsController {
    /// The style sheets and scripts by file name, decoded once.
    private let assets: [String: [UInt8]] = Dictionary(
        uniqueKeysWithValues: EmbeddedAssets.files.compactMap { path, base64 in
            guard path.hasPrefix("static/"), let data = Data(base64Encoded: base64) else { return nil }
            return (String(path.dropFirst("static/".count)), [UInt8](data))
        })

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("app/static/:name", use: asset)
    }

    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let bytes = assets[name] else {
            throw APIError.notFound("no asset \(name)")
        }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Foundation
import HTTPAPI
import Hummingbird

/// `/app/static/{name}`: the embedded style sheets and scripts, cached by the browser for an hour.
struct StaticAssetsController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("app/static/:name", use: asset)
    }

    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let base64 = EmbeddedAssets.files["static/" + name], let data = Data(base64Encoded: base64) else {
            throw APIError.notFound("no asset \(name)")
        }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

import Foundation
import HTTPAPI
import Hummingbird
import Persistence

/// `/app/static/{name}`: the embedded style sheets (open to all, the sign-in page needs them) and scripts (only
/// with a live session), cached by the browser.
struct StaticAssetsController {
    let sessions: any SessionRepository

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
        let isScript = name.hasSuffix(".js")
        if isScript, try await SessionCookie.session(of: request, in: sessions) == nil {
            throw APIError(.unauthorized, code: "unauthorized", message: "scripts need a signed-in session")
        }
        let type = isScript ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: isScript ? "private, max-age=600" : "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

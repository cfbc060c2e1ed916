import Foundation
import Hummingbird
import Mustache

/// Renders the embedded Mustache templates (`Assets/templates/*.mustache`) into HTML responses. Mustache escapes
/// every `{{value}}` for HTML, so text a user typed is shown as text.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// A renderer over the embedded templates.
    public init() {
        var library = MustacheLibrary()
        for (path, base64) in EmbeddedAssets.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
                let template = try? MustacheTemplate(string: text)
            else { preconditionFailure("the embedded template \(path) does not parse") }
            library.register(template, named: name)
        }
        self.library = library
    }

    /// `template` rendered with `view` as an HTML response with `status`; never cached.
    public func page(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(view, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that says what went wrong, with `status`.
    public func error(_ status: HTTPResponse.Status, _ message: String, session: PageSession? = nil) -> Response {
        page("error", ErrorView(layout: LayoutView(title: "\(status.code) \(status.reasonPhrase)", session: session), message: message), status: status)
    }
}

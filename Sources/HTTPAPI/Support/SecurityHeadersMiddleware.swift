import HTTPTypes
import Hummingbird

/// Adds the browser security headers to every response: a Content-Security-Policy that allows scripts, styles and
/// requests from this origin only (no inline script or style), images also from where photo downloads redirect to
/// (the bucket or CDN), and no framing, plus `X-Content-Type-Options`, `Referrer-Policy` and `X-Frame-Options`.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy every response carries.
    public let contentSecurityPolicy: String

    /// A middleware for the router; `imageOrigin` is the object store's download origin, if it has one.
    public init(imageOrigin: String? = nil) {
        let images = ["'self'", "blob:", "data:"] + [imageOrigin].compactMap { $0 }
        contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src \(images.joined(separator: " ")); "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// Runs the rest of the chain and adds the headers to its answer, an error's included.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            var response = try await next(request, context)
            add(to: &response.headers)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            add(to: &response.headers)
            return response
        }
    }

    private func add(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}

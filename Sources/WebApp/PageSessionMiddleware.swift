import Domain
import Foundation
import HTTPAPI
import Hummingbird
import Persistence

/// Lets a page through only with a live session whose role allows `required`: without one the browser is sent to
/// the sign-in page (303), below the role it gets a 403 page.
struct PageSessionMiddleware: RouterMiddleware {
    let required: Role
    let sessions: any SessionRepository
    let pages: PageRenderer

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let (session, key) = try await SessionCookie.session(of: request, in: sessions) else { return Response.redirect(to: "/app/sign-in", type: .normal) }
        var context = context
        context.apiKey = key
        context.session = session
        guard key.role.allows(required) else {
            return pages.error(.forbidden, "This page needs the \(required.rawValue) role.", session: context.pageSession)
        }
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The signed-in user as pages show them, once ``PageSessionMiddleware`` let the request through.
    var pageSession: PageSession? {
        guard let key = apiKey, let session else { return nil }
        return PageSession(name: key.name, role: key.role, csrfToken: session.csrfToken)
    }
}

import Domain
import Foundation
import HTTPAPI
import Hummingbird

/// `/app/sign-in` and `/app/sign-out`: an API key typed once becomes a server-side session. The sign-in form is
/// protected from forgery by a token that must match a cookie set with the form (a site elsewhere can read
/// neither); sign-out needs the session's own token.
struct SignInController {
    static let formCookie = "bookplate_sign_in"

    let services: APIServices
    let settings: WebSettings
    let pages: PageRenderer

    struct SignInView {
        let layout: LayoutView
        let csrfToken: String
        let message: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("app/sign-in", use: form)
        router.post("app/sign-in", use: signIn)
        router.post("app/sign-out", use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        signInPage(request, message: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let form = await FormBody.read(request) else {
            return signInPage(request, message: "The form could not be read; please try again.", status: .badRequest)
        }
        guard let expected = request.cookies[Self.formCookie]?.value, SessionCookie.matches(form["_csrf"], expected) else {
            return signInPage(request, message: "The form had expired; please sign in again.", status: .forbidden)
        }
        let typed = (form["api_key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let token = APIKeyToken(typed), let key = try await services.apiKeys.find(hash: token.hash) else {
            return signInPage(request, message: "That API key is not valid.", status: .unauthorized)
        }
        _ = try await services.sessions.deleteExpired(at: .now)
        let (session, secret) = WebSession.begin(for: key, lifetime: settings.sessionLifetime)
        try await services.sessions.create(session)
        var response = Response.redirect(to: "/app/books", type: .normal)
        response.setCookie(SessionCookie.set(secret, session: session, request: request))
        response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/app", httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let (session, _) = try await SessionCookie.session(of: request, in: services.sessions) {
            let form = await FormBody.read(request)
            guard SessionCookie.matches(form?["_csrf"], session.csrfToken) else {
                return pages.error(.forbidden, "The sign-out form is not from this session.")
            }
            _ = try await services.sessions.delete(tokenHash: session.tokenHash)
        }
        var response = Response.redirect(to: "/app/sign-in", type: .normal)
        response.setCookie(SessionCookie.clear(request: request))
        return response
    }

    private func signInPage(_ request: Request, message: String?, status: HTTPResponse.Status) -> Response {
        let token = RandomHex.make(bytes: 32)
        var response = pages.page(
            "sign-in", SignInView(layout: LayoutView(title: "Sign in", session: nil), csrfToken: token, message: message),
            status: status)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: token, maxAge: 3600, path: "/app",
                secure: SessionCookie.cameOverTLS(request), httpOnly: true, sameSite: .strict))
        return response
    }
}

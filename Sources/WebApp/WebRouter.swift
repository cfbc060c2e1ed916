import HTTPAPI
import Hummingbird

/// Adds the web app to the API's router: `/` leads to the catalogue, `/app/static/*` serves the style sheet,
/// `/app/sign-in` and `/app/sign-out` begin and end sessions, and the pages behind them need a session: the catalogue
/// and book pages a viewer's, the import page an editor's, the dashboard an admin's.
public enum WebRouter {
    /// `router` with the web app's routes added.
    public static func add(
        to router: Router<AppRequestContext>, services: APIServices, settings: WebSettings
    ) -> Router<AppRequestContext> {
        let pages = PageRenderer()
        router.get("/") { _, _ in Response.redirect(to: "/app/books", type: .found) }
        StaticAssetsController(sessions: services.sessions).addRoutes(to: router)
        SignInController(services: services, settings: settings, pages: pages).addRoutes(to: router)
        let reading = router.group("app").add(
            middleware: PageSessionMiddleware(required: .viewer, sessions: services.sessions, pages: pages))
        BooksPageController(services: services, pages: pages).addRoutes(reading: reading)
        BookPageController(services: services, pages: pages).addRoutes(reading: reading)
        let editing = router.group("app").add(
            middleware: PageSessionMiddleware(required: .editor, sessions: services.sessions, pages: pages))
        ImportPageController(pages: pages).addRoutes(editing: editing)
        let admin = router.group("app").add(
            middleware: PageSessionMiddleware(required: .admin, sessions: services.sessions, pages: pages))
        AdminPageController(services: services, pages: pages).addRoutes(admin: admin)
        return router
    }
}

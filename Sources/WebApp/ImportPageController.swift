import HTTPAPI
import Hummingbird

/// `/app/import`: the form for a listing — the book's fields and its photos' URLs — which the page's script sends
/// to `POST /imports`, showing what happened to each photo.
struct ImportPageController {
    let pages: PageRenderer

    struct ImportView {
        let layout: LayoutView
        let types: [ImageTypeChoice]
    }

    func addRoutes(editing: RouterGroup<AppRequestContext>) {
        editing.get("import", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.page(
            "import",
            ImportView(layout: LayoutView(title: "Import a listing", session: context.pageSession), types: ImageTypeChoice.all(selected: nil)))
    }
}

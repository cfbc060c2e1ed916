import Domain
import Hummingbird

/// Builds the API's router: operational endpoints open to all, catalogue reads for viewers, changes for editors,
/// admin endpoints for admins; one JSON error shape and request metrics throughout.
public enum APIRouter {
    /// The router over `services`.
    public static func build(services: APIServices) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(imageOrigin: services.store.downloadOrigin))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware())
        OperationsController(services: services).addRoutes(to: router)
        let reading = router.group().add(middleware: APIKeyAuthenticator(required: .viewer, keys: services.apiKeys, sessions: services.sessions))
        let editing = router.group().add(middleware: APIKeyAuthenticator(required: .editor, keys: services.apiKeys, sessions: services.sessions))
        let admin = router.group().add(middleware: APIKeyAuthenticator(required: .admin, keys: services.apiKeys, sessions: services.sessions))
        BooksController(services: services).addRoutes(reading: reading, editing: editing)
        PhotosController(services: services).addRoutes(reading: reading, editing: editing)
        JobsController(services: services).addRoutes(reading: reading, editing: editing)
        let importer = ListingImporter(
            books: services.books, store: services.store, intake: services.intake, fetcher: services.fetcher,
            enqueuer: services.enqueuer)
        ImportController(importer: importer).addRoutes(editing: editing)
        RemoveBackgroundController(removal: services.removal).addRoutes(editing: editing)
        AdminController(services: services).addRoutes(admin: admin)
        APIKeysController(services: services).addRoutes(admin: admin)
        return router
    }
}

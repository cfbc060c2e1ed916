import Domain
import Foundation
import Hummingbird
import Logging

/// The context of one API request: Hummingbird's core context plus the caller's API key once authenticated.
public struct AppRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The caller's key, set by ``APIKeyAuthenticator``.
    public var apiKey: APIKey?
    /// The caller's web session, when it authenticated with the session cookie instead of a key.
    public var session: WebSession?

    /// A context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies are read explicitly with their own limits (``BodyLimits``).
    public var maxUploadSize: Int { BodyLimits.maximumPhotoBytes }

    /// JSON with ISO 8601 dates, snake_case keys as declared by each type.
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
}

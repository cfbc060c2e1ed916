/// Keeps the credentials another provider returns and asks it again only when they are about to expire.
///
/// Credentials are refreshed once fewer than `refreshMargin` remain before their expiration; credentials
/// without an expiration are kept for good. Callers arriving while a refresh is under way wait for that same
/// refresh. If a refresh fails while the kept credentials have not yet expired, those are returned instead.
public actor CachingCredentialsProvider: AWSCredentialsProvider {
    /// The default margin: refresh when less than five minutes remain.
    public static let defaultRefreshMargin: Duration = .seconds(300)

    private let base: any AWSCredentialsProvider
    private let refreshMargin: Duration
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?

    /// Caches what `base` returns, refreshing `refreshMargin` before expiry.
    public init(wrapping base: any AWSCredentialsProvider, refreshMargin: Duration = defaultRefreshMargin) {
        self.base = base
        self.refreshMargin = refreshMargin
    }

    /// The kept credentials while fresh, else the result of one shared refresh.
    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin) {
            return cached
        }
        let task = refresh ?? startRefresh()
        do {
            let fresh = try await task.value
            finish(task)
            cached = fresh
            return fresh
        } catch {
            finish(task)
            if let cached, !cached.expires(within: .zero) {
                return cached
            }
            throw error
        }
    }

    /// Starts fetching from `base` and records the task so that later callers join it.
    private func startRefresh() -> Task<AWSCredentials, any Error> {
        let base = self.base
        let task = Task { try await base.credentials() }
        refresh = task
        return task
    }

    /// Forgets `task` once done, unless a newer refresh has replaced it.
    private func finish(_ task: Task<AWSCredentials, any Error>) {
        if refresh == task {
            refresh = nil
        }
    }
}

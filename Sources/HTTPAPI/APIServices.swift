import JobQueue
import ObjectStorage
import Persistence
import PhotoJobs

/// Everything the HTTP API reads and writes through, wired by the server.
public struct APIServices: Sendable {
    /// Books.
    public var books: any BookRepository
    /// Photos.
    public var photos: any PhotoRepository
    /// Jobs.
    public var jobs: any JobRepository
    /// API keys.
    public var apiKeys: any APIKeyRepository
    /// Web app sessions.
    public var sessions: any SessionRepository
    /// The photo queue.
    public var queue: any JobQueue
    /// Photo bytes.
    public var store: any ObjectStore
    /// Stores new photos.
    public var intake: PhotoIntake
    /// Creates and sends jobs.
    public var enqueuer: JobEnqueuer
    /// Re-sends jobs whose enqueue failed.
    public var sweeper: RetrySweeper
    /// Fetches listing photos.
    public var fetcher: PhotoFetcher
    /// Health checks.
    public var health: HealthChecker
    /// Facts for system info.
    public var info: ServiceInfo
    /// Renders `/metrics`.
    public var metrics: @Sendable () -> [UInt8]
    /// Processes single photos while the caller waits.
    public var removal: BackgroundRemoval

    /// Services from their parts.
    public init(
        books: any BookRepository, photos: any PhotoRepository, jobs: any JobRepository,
        apiKeys: any APIKeyRepository, sessions: any SessionRepository, queue: any JobQueue, store: any ObjectStore, intake: PhotoIntake,
        enqueuer: JobEnqueuer, sweeper: RetrySweeper, fetcher: PhotoFetcher, health: HealthChecker,
        info: ServiceInfo, metrics: @escaping @Sendable () -> [UInt8], removal: BackgroundRemoval
    ) {
        self.books = books
        self.photos = photos
        self.jobs = jobs
        self.apiKeys = apiKeys
        self.sessions = sessions
        self.queue = queue
        self.store = store
        self.intake = intake
        self.enqueuer = enqueuer
        self.sweeper = sweeper
        self.fetcher = fetcher
        self.health = health
        self.info = info
        self.metrics = metrics
        self.removal = removal
    }
}

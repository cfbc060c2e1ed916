import AWSClient
import Domain
import Foundation
import HTTPAPI
import ImagePipeline
import JobQueue
import Logging
import ObjectStorage
import Persistence
import PhotoJobs
import ServiceLifecycle

/// The parts every entry point shares, opened from the settings: database and repositories, queue, object
/// store, photo pipeline, enqueuer and sweeper.
public struct BookplateRuntime: Sendable {
    /// The settings it was opened with.
    public let settings: ServerSettings
    /// The database.
    public let database: any Database
    /// Books.
    public let books: any BookRepository
    /// Photos.
    public let photos: any PhotoRepository
    /// Jobs.
    public let jobs: any JobRepository
    /// API keys.
    public let apiKeys: any APIKeyRepository
    /// Web app sessions.
    public let sessions: any SessionRepository
    /// The photo-job queue.
    public let queue: any JobQueue
    /// Photo bytes.
    public let store: any ObjectStore
    /// The photo pipeline.
    public let pipeline: PhotoProcessor
    /// Which models of the attempt list are present and intact.
    public let models: ModelInventory
    /// Creates and sends jobs.
    public let enqueuer: JobEnqueuer
    /// Re-sends failed enqueues.
    public let sweeper: RetrySweeper
    /// The logger.
    public let logger: Logger

    /// Opens every part; a PostgreSQL database must then run as a service (see ``databaseServices``).
    public static func open(settings: ServerSettings, logger: Logger) async throws -> BookplateRuntime {
        let location = try DatabaseLocation(url: settings.databaseURL)
        let database = try await location.open(logger: logger, timeout: settings.databaseTimeout)
        let jobs = SQLJobRepository(database: database)
        let credentials = AWSCredentialsProviderChain.standard()
        let queue = try QueueLocation(url: settings.queueURL).open(
            database: database, name: settings.queueName, maximumReceiveCount: settings.maximumReceiveCount,
            sqs: QueueLocation.SQSAccess(
                deadLetterURL: settings.queueDeadLetterURL, endpoint: settings.queueEndpoint,
                region: settings.queueRegion ?? AWSRegionResolver.region(configured: nil),
                waitSeconds: settings.queueWaitSeconds, deadline: settings.queueTimeout, credentials: credentials))
        let store = try ObjectStoreLocation(url: settings.storageURL).open(
            s3: ObjectStoreLocation.S3Access(
                endpoint: settings.storageEndpoint, region: AWSRegionResolver.region(configured: settings.storageRegion),
                pathStyle: settings.storagePathStyle, publicURL: settings.storagePublicURL,
                deadline: settings.storageTimeout, minimumTransferRate: settings.storageMinimumTransferRate,
                credentials: credentials))
        let sessions = ModelSessions(
            directory: URL(fileURLWithPath: settings.modelsDirectory),
            threading: InferenceSession.Threading(intraOpThreads: settings.intraOpThreads))
        let options = ProcessingOptions(
            limits: settings.limits, attempts: settings.attempts, gate: QualityGate(minimumShapeScore: settings.shapeFloor),
            bookOutline: settings.bookOutline ? BookOutlineFinder() : nil)
        return BookplateRuntime(
            settings: settings, database: database, books: SQLBookRepository(database: database),
            photos: SQLPhotoRepository(database: database), jobs: jobs,
            apiKeys: SQLAPIKeyRepository(database: database), sessions: SQLSessionRepository(database: database),
            queue: queue,
            store: store,
            pipeline: PhotoProcessor(segmenters: sessions, options: options),
            models: ModelInventory(
                store: ModelStore(directory: URL(fileURLWithPath: settings.modelsDirectory)), attempts: settings.attempts),
            enqueuer: JobEnqueuer(jobs: jobs, queue: queue, logger: logger),
            sweeper: RetrySweeper(jobs: jobs, queue: queue, abandonedAfter: settings.abandonedAfter, logger: logger),
            logger: logger)
    }

    /// Services that must run for the database to work: the database itself (PostgreSQL's pool; SQLite's
    /// connection, closed at shutdown).
    public var databaseServices: [any Service] { [database] }

    /// Runs `body` with the database's services running, for short commands outside a service group.
    public func withDatabaseRunning<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws
        -> Result
    {
        let services = databaseServices
        let runner = Task {
            await withTaskGroup(of: Void.self) { group in
                for service in services { group.addTask { try? await service.run() } }
            }
        }
        do {
            let result = try await body()
            runner.cancel()
            await runner.value
            return result
        } catch {
            runner.cancel()
            await runner.value
            throw error
        }
    }

    /// Runs `body` with the database running and prepared, for short commands outside a service group.
    public func withPreparedDatabase<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws
        -> Result
    {
        try await withDatabaseRunning {
            try await prepare()
            return try await body()
        }
    }

    /// The health checks over this runtime's database, object store and queue.
    public var healthChecker: HealthChecker {
        HealthChecker(database: database, store: store, queue: queue, models: models, info: info)
    }

    /// Applies missing migrations and, when configured, stores the bootstrap admin key.
    public func prepare() async throws {
        let applied = try await Migrator(database: database).migrate()
        if !applied.isEmpty { logger.info("migrations applied", metadata: ["versions": "\(applied)"]) }
        if let text = settings.bootstrapAdminKey {
            guard let token = APIKeyToken(text) else {
                throw SettingsError("auth.bootstrap_admin_key is not a Bookplate key (bp_ and 64 hex digits)")
            }
            if try await apiKeys.find(hash: token.hash) == nil {
                _ = try await apiKeys.create(name: "bootstrap admin", role: .admin, token: token)
            }
        }
    }

    /// The job processor over this runtime, as workers and the Lambda handler use it.
    public func photoJobProcessor() -> PhotoJobProcessor {
        PhotoJobProcessor(
            jobs: jobs, photos: photos, store: store, queue: queue, pipeline: pipeline, settings: settings.worker,
            logger: logger)
    }

    /// The worker service over this runtime.
    public func workerService() -> WorkerService {
        WorkerService(queue: queue, processor: photoJobProcessor(), settings: settings.worker, logger: logger)
    }

    /// Starts the image library, opens the session of the first model of the attempt list whose file is there and
    /// runs it once on a small grey picture (ONNX Runtime's first run sets up its memory), so that a function,
    /// worker or server pays all three before its first photo; the model's name. Throws when the library cannot
    /// start or no model of the list can be loaded and run.
    @discardableResult
    public func warmUpPipeline() throws -> String {
        try ImageLibrary.start()
        let grey = RGBImage(width: 32, height: 32, filledWith: RGBColour(red: 128, green: 128, blue: 128))
        var reasons: [String] = []
        for model in models.names {
            do {
                _ = try pipeline.segmenters.segmenter(for: model).predict(grey)
                return model
            } catch {
                reasons.append("\(model): \(error)")
            }
        }
        throw SettingsError("no model of the attempt list can be loaded: \(reasons.joined(separator: "; "))")
    }

    /// What system info and health reports say about this service.
    public var info: ServiceInfo {
        let location = (try? DatabaseLocation(url: settings.databaseURL))?.description ?? "invalid"
        var bucket = settings.bucket
        if case .s3(let name, _)? = try? ObjectStoreLocation(url: settings.storageURL) { bucket = name }
        return ServiceInfo(
            version: BookplateVersion.version, commit: BookplateVersion.commit, environment: settings.environment,
            infrastructure: [
                "database": location, "object_store": store.location, "region": settings.region,
                "bucket": bucket, "cdn_url": settings.storagePublicURL ?? settings.cdnURL, "queue": queue.name,
                "queue_url": settings.queueURL,
                "dead_letter_queue": settings.queueURL == "database"
                    ? "\(queue.name) (dead-lettered after \(settings.maximumReceiveCount) receives)"
                    : settings.queueDeadLetterURL ?? "none",
            ],
            imageProcessing: ImageProcessingInfo(
                brightnessThreshold: 128, attempts: settings.attempts.map(\.description),
                maxSide: settings.limits.maxSide, maxMegapixels: settings.limits.maxMegapixels,
                thumbnailSize: pipeline.options.thumbnailSide, thumbnailQuality: pipeline.options.thumbnailQuality,
                typePriority: ImageType.processingPriority.map(\.rawValue), shapeFloor: settings.shapeFloor,
                minimumSubjectSide: pipeline.options.gate.minimumSubjectSide))
    }
}

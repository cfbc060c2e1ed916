import Configuration
import Foundation
import ImagePipeline
import PhotoJobs

/// Every setting of `serve` and `worker`, read once from the configuration (command line over `BOOKPLATE_*`
/// environment variables over a JSON config file over these defaults).
public struct ServerSettings: Sendable {
    /// Address the HTTP server binds.
    public var host: String
    /// Port the HTTP server binds (0: any free port).
    public var port: Int
    /// Folder for the SQLite file, photos and models unless configured otherwise.
    public var dataDirectory: String
    /// `sqlite:PATH` or `postgres://…`.
    public var databaseURL: String
    /// How long one PostgreSQL statement or transaction may take before it fails as unavailable.
    public var databaseTimeout: Duration
    /// Folder of the local object store (the default `storage.url` is `file:` this folder).
    public var storageDirectory: String
    /// `file:PATH` or `s3://BUCKET/PREFIX`.
    public var storageURL: String
    /// S3 endpoint (an S3-compatible store); AWS's regional endpoint when nil.
    public var storageEndpoint: String?
    /// S3 region; `AWS_REGION`/`AWS_DEFAULT_REGION` when nil.
    public var storageRegion: String?
    /// S3 path-style addressing instead of virtual-hosted.
    public var storagePathStyle: Bool
    /// Base URL of a CDN in front of the bucket, for downloads.
    public var storagePublicURL: String?
    /// How long one S3 call may take, retries included (`storage.timeout_ms`, default 3000), beyond the time its
    /// body is given at `storageMinimumTransferRate`.
    public var storageTimeout: Duration
    /// The slowest pace, in bytes per second, an S3 body is given time for
    /// (`storage.min_transfer_kib_per_second`, default 256).
    public var storageMinimumTransferRate: Int
    /// `database` or an SQS queue URL.
    public var queueURL: String
    /// The SQS dead-letter queue's URL.
    public var queueDeadLetterURL: String?
    /// SQS endpoint; the queue URL's host when nil.
    public var queueEndpoint: String?
    /// SQS region; from the queue URL or `AWS_REGION` when nil.
    public var queueRegion: String?
    /// Seconds an SQS receive long-polls.
    public var queueWaitSeconds: Int
    /// How long one SQS call may take beyond its long-poll wait, retries included (`queue.timeout_ms`, default 3000).
    public var queueTimeout: Duration
    /// Photos `POST /v1/remove-background` processes at once (`remove_background.concurrency`, default 1).
    public var removeBackgroundConcurrency: Int
    /// Requests that may wait for a turn before more are refused with 429 (`remove_background.queue`, default 4).
    public var removeBackgroundQueue: Int
    /// The time a Lambda invocation must have left to start a job; records that come later are given back.
    public var lambdaJobBudget: Duration
    /// Folder of the model files.
    public var modelsDirectory: String
    /// The queue's name.
    public var queueName: String
    /// Receives before a message is dead-lettered.
    public var maximumReceiveCount: Int
    /// Worker behaviour.
    public var worker: WorkerSettings
    /// Interval of the retry sweep inside `serve`.
    public var sweepInterval: Duration
    /// How long a job may stay `processing` without an update before the sweep ends it as abandoned.
    public var abandonedAfter: Duration
    /// How long a web app sign-in lasts.
    public var sessionLifetime: Duration
    /// The attempt list.
    public var attempts: [Attempt]
    /// Size limits of processed photos.
    public var limits: ImageLimits
    /// The quality gate's book-shape floor.
    public var shapeFloor: Double
    /// Whether masks that are not book-shaped are replaced by the book's outline where one is found.
    public var bookOutline: Bool
    /// Whether `serve` and `worker` start the image library and open and run the first model at start-up
    /// (`pipeline.preload`, default true) instead of in their first photo.
    public var preloadPipeline: Bool
    /// ONNX Runtime threads per operator (0: all cores).
    public var intraOpThreads: Int
    /// Hosts listing imports may fetch from even when private (tests allow loopback).
    public var importAllowedHosts: Set<String>
    /// Largest photo a listing import downloads.
    public var importMaximumBytes: Int
    /// Most bytes of one listing's photos together.
    public var importMaximumListingBytes: Int
    /// An API token made an admin key at start-up, for a first login.
    public var bootstrapAdminKey: String?
    /// `development`, `production`, ….
    public var environment: String
    /// Infrastructure facts shown in system info.
    public var region: String
    /// Bucket name shown in system info (S3, when used).
    public var bucket: String
    /// CDN base URL shown in system info.
    public var cdnURL: String
    /// Log level.
    public var logLevel: String

    /// Reads the settings from `config`.
    public init(config: ConfigReader) throws {
        dataDirectory = config.string(forKey: "data.dir", default: "bookplate-data")
        host = config.string(forKey: "http.host", default: "127.0.0.1")
        port = config.int(forKey: "http.port", default: 8080)
        databaseURL =
            try Self.secret(config, "database.url") ?? "sqlite:\(dataDirectory)/bookplate.sqlite"
        databaseTimeout = .milliseconds(config.int(forKey: "database.timeout_ms", default: 2000))
        storageDirectory = config.string(forKey: "storage.dir", default: "\(dataDirectory)/objects")
        storageURL = config.string(forKey: "storage.url", default: "file:\(storageDirectory)")
        storageEndpoint = config.string(forKey: "storage.endpoint")
        storageRegion = config.string(forKey: "storage.region")
        storagePathStyle = config.bool(forKey: "storage.path_style", default: false)
        storagePublicURL = config.string(forKey: "storage.public_url")
        storageTimeout = .milliseconds(config.int(forKey: "storage.timeout_ms", default: 3000))
        storageMinimumTransferRate = max(1, config.int(forKey: "storage.min_transfer_kib_per_second", default: 256)) << 10
        queueURL = config.string(forKey: "queue.url", default: "database")
        queueDeadLetterURL = config.string(forKey: "queue.dead_letter_url")
        queueEndpoint = config.string(forKey: "queue.endpoint")
        queueRegion = config.string(forKey: "queue.region")
        queueWaitSeconds = config.int(forKey: "queue.wait_seconds", default: 10)
        queueTimeout = .milliseconds(config.int(forKey: "queue.timeout_ms", default: 3000))
        removeBackgroundConcurrency = config.int(forKey: "remove_background.concurrency", default: 1)
        removeBackgroundQueue = config.int(forKey: "remove_background.queue", default: 4)
        lambdaJobBudget = .seconds(config.int(forKey: "lambda.job_budget_seconds", default: 60))
        modelsDirectory = config.string(forKey: "models.dir", default: "\(dataDirectory)/models")
        queueName = config.string(forKey: "queue.name", default: "photo-jobs")
        maximumReceiveCount = config.int(forKey: "queue.max_receive_count", default: 5)
        worker = WorkerSettings(
            concurrency: config.int(forKey: "worker.concurrency", default: 1),
            batchSize: config.int(forKey: "queue.batch_size", default: 10),
            visibilityTimeout: .milliseconds(config.int(forKey: "queue.visibility_timeout_ms", default: 120_000)),
            heartbeatInterval: .milliseconds(config.int(forKey: "worker.heartbeat_ms", default: 30_000)),
            pollInterval: .milliseconds(config.int(forKey: "worker.poll_ms", default: 500)),
            retryDelay: .milliseconds(config.int(forKey: "worker.retry_delay_ms", default: 30_000)),
            shutdownGrace: .milliseconds(config.int(forKey: "worker.shutdown_grace_ms", default: 25_000)))
        sweepInterval = .seconds(config.int(forKey: "sweeper.interval_seconds", default: 300))
        abandonedAfter = .seconds(max(60, config.int(forKey: "sweeper.abandoned_after_seconds", default: 3600)))
        sessionLifetime = .seconds(max(60, config.int(forKey: "web.session_minutes", default: 480) * 60))
        let attemptText = config.string(
            forKey: "pipeline.attempts", default: Attempt.defaultList.map(\.description).joined(separator: ","))
        guard let attempts = Attempt.list(from: attemptText) else {
            throw SettingsError("pipeline.attempts must be a comma-separated list of MODEL or MODEL+refine: \(attemptText)")
        }
        self.attempts = attempts
        limits = ImageLimits(
            maxSide: config.int(forKey: "pipeline.max_side", default: 4096),
            maxMegapixels: config.double(forKey: "pipeline.max_megapixels", default: 40))
        shapeFloor = config.double(forKey: "pipeline.shape_floor", default: 0)
        bookOutline = config.bool(forKey: "pipeline.book_outline", default: true)
        preloadPipeline = config.bool(forKey: "pipeline.preload", default: true)
        intraOpThreads = config.int(forKey: "pipeline.intra_op_threads", default: 0)
        importAllowedHosts = Set(
            config.string(forKey: "import.allowed_hosts", default: "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        importMaximumBytes = config.int(forKey: "import.max_bytes", default: 40 << 20)
        importMaximumListingBytes = config.int(forKey: "import.max_listing_bytes", default: 200 << 20)
        bootstrapAdminKey = try Self.secret(config, "auth.bootstrap_admin_key")
        environment = config.string(forKey: "environment", default: "development")
        region = config.string(forKey: "infrastructure.region", default: "local")
        bucket = config.string(forKey: "infrastructure.bucket", default: "")
        cdnURL = config.string(forKey: "infrastructure.cdn_url", default: "")
        logLevel = config.string(forKey: "log.level", default: "info")
    }

    /// A secret from `KEY` or from the file named by `KEY_file` (`BOOKPLATE_…_FILE`).
    private static func secret(_ config: ConfigReader, _ key: String) throws -> String? {
        if let path = config.string(forKey: ConfigKey(key + "_file")) {
            do {
                return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw SettingsError("cannot read the secret file \(path) for \(key): \(error.localizedDescription)")
            }
        }
        return config.string(forKey: ConfigKey(key), isSecret: true)
    }
}

/// A setting that cannot be used, with the reason.
public struct SettingsError: Error, CustomStringConvertible {
    /// The reason.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

import Foundation
import HTTPAPI
import Hummingbird
import Logging
import PhotoJobs
import WebApp
import ServiceLifecycle

/// Which background services run next to the HTTP API.
public struct ServeRoles: Sendable {
    /// Run workers in the process.
    public var workers: Bool
    /// Run the retry sweeper and the expired-session sweeper every interval.
    public var sweeper: Bool

    /// Roles from their parts.
    public init(workers: Bool = true, sweeper: Bool = true) {
        self.workers = workers
        self.sweeper = sweeper
    }
}

/// Wires the runtime into a Hummingbird application: the API router, and as services the database pool, the
/// pipeline's warm-up, the workers and the retry sweeper; migrations run before the server accepts requests.
public func buildApplication(runtime: BookplateRuntime, roles: ServeRoles = ServeRoles()) -> some ApplicationProtocol {
    let registry = PrometheusMetrics.registry
    let fetcher = PhotoFetcher(
        policy: AddressPolicy(allowedHosts: runtime.settings.importAllowedHosts),
        maximumBytes: runtime.settings.importMaximumBytes,
        maximumListingBytes: runtime.settings.importMaximumListingBytes)
    let services = APIServices(
        books: runtime.books, photos: runtime.photos, jobs: runtime.jobs, apiKeys: runtime.apiKeys,
        sessions: runtime.sessions, queue: runtime.queue, store: runtime.store,
        intake: PhotoIntake(
            photos: runtime.photos, store: runtime.store, limits: runtime.settings.limits,
            thumbnailSide: runtime.pipeline.options.thumbnailSide,
            thumbnailQuality: runtime.pipeline.options.thumbnailQuality),
        enqueuer: runtime.enqueuer, sweeper: runtime.sweeper, fetcher: fetcher,
        health: runtime.healthChecker,
        info: runtime.info, metrics: { registry.emitToBuffer() },
        removal: BackgroundRemoval(
            pipeline: runtime.pipeline,
            admission: ProcessingAdmission(
                concurrency: runtime.settings.removeBackgroundConcurrency,
                queueLimit: runtime.settings.removeBackgroundQueue)))
    var application = Application(
        router: WebRouter.add(
            to: APIRouter.build(services: services), services: services,
            settings: WebSettings(sessionLifetime: runtime.settings.sessionLifetime)),
        configuration: .init(
            address: .hostname(runtime.settings.host, port: runtime.settings.port), serverName: "Bookplate"),
        services: runtime.databaseServices,
        onServerRunning: { channel in
            runtime.logger.info("listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
        },
        logger: runtime.logger)
    let preparation = Preparation(runtime: runtime)
    application.beforeServerStarts { try await preparation.ensure() }
    if runtime.settings.preloadPipeline { application.addServices(PipelineWarmUp(runtime: runtime)) }
    if roles.workers { application.addServices(AfterPreparation(runtime.workerService(), after: preparation)) }
    if roles.sweeper {
        let sweeps = [
            PeriodicService.retrySweep(runtime.sweeper, interval: runtime.settings.sweepInterval, logger: runtime.logger),
            PeriodicService.expiredSessionSweep(runtime.sessions, logger: runtime.logger),
        ]
        for sweep in sweeps { application.addServices(AfterPreparation(sweep, after: preparation)) }
    }
    return application
}

import Crypto
import Domain
import Foundation
import ImagePipeline
import JobQueue
import Logging
import ObjectStorage
import Persistence

/// Processes one queue message by DESIGN.md §4: skip completed jobs, choose the source photo, run the pipeline
/// (attempts, quality gate, brightness, background, thumbnail), store both files, make the result the primary
/// photo and complete the job, or record the failure and let the queue redeliver.
public struct PhotoJobProcessor: Sendable {
    private let jobs: any JobRepository
    private let photos: any PhotoRepository
    private let store: any ObjectStore
    /// The queue the processed messages came from (acknowledged, released or dead-lettered through it).
    public let queue: any JobQueue
    private let pipeline: PhotoProcessor
    private let settings: WorkerSettings
    private let logger: Logger

    /// A processor using the given stores and pipeline.
    public init(
        jobs: any JobRepository, photos: any PhotoRepository, store: any ObjectStore, queue: any JobQueue,
        pipeline: PhotoProcessor, settings: WorkerSettings, logger: Logger
    ) {
        self.jobs = jobs
        self.photos = photos
        self.store = store
        self.queue = queue
        self.pipeline = pipeline
        self.settings = settings
        self.logger = logger
    }

    /// Handles `message`, holding its lease and its job's claim with heartbeats while the pipeline runs.
    public func handle(_ message: ReceivedMessage) async -> JobOutcome {
        await handle(message, as: ProcessingRun())
    }

    /// Handles `message` as `run`, which its caller may give back (``giveBack(_:of:reason:)``).
    public func handle(_ message: ReceivedMessage, as run: ProcessingRun) async -> JobOutcome {
        var logger = logger
        logger[metadataKey: "message_id"] = "\(message.id)"
        guard let body = message.body else {
            let reason = "message body is not a job message: \(message.rawBody.prefix(200))"
            logger.error("undecodable message, dead-lettered", metadata: ["error": "\(reason)"])
            _ = try? await queue.deadLetter(message, reason: reason)
            return .failed(reason)
        }
        logger[metadataKey: "job_id"] = "\(body.jobID)"
        let claim = run.claim(on: body.jobID)
        do {
            let outcome = try await withHeartbeat(message, claim) {
                try await process(body, message: message, claim: claim, run: run)
            }
            log(outcome, logger: logger)
            return outcome
        } catch {
            let reason = "\(error)"
            guard !run.isGivenBack else {
                logger.warning("job given back; its run then met an error", metadata: ["error": "\(reason)"])
                return .abandoned("given back; then \(reason)")
            }
            logger.error("job failed on an infrastructure error", metadata: ["error": "\(reason)"])
            try? await jobs.markFailed(claim, error: reason)
            try? await queue.release(message, after: settings.retryDelay, reason: reason)
            JobMetrics.finished(status: "failed", reason: "infrastructure")
            return .failed(reason)
        }
    }

    /// Gives back the job of `message`, which `run` has not finished (a deadline or shutdown came first): its claim
    /// ends — now, or as soon as the run takes it — so that the message, released for redelivery at once, can start
    /// it again, and the run still going stores and records nothing. Releasing the claim waits a second at most.
    public func giveBack(_ message: ReceivedMessage, of run: ProcessingRun, reason: String) async {
        run.giveBack()
        if let jobID = message.body?.jobID {
            let claim = run.claim(on: jobID)
            try? await Deadline.run(within: .seconds(1), expired: { CancellationError() }) { [jobs] in
                try await jobs.releaseClaim(claim)
            }
        }
        try? await queue.release(message, after: .zero, reason: reason)
    }

    private func process(_ body: JobMessage, message: ReceivedMessage, claim: JobClaim, run: ProcessingRun)
        async throws -> JobOutcome
    {
        guard let existing = try await jobs.find(body.jobID) else {
            try await queue.acknowledge(message)
            return .skipped("job \(body.jobID) no longer exists")
        }
        if existing.status == .completed {
            try await queue.acknowledge(message)
            return .skipped("job already completed")
        }
        let job: PhotoJob
        do {
            switch try await jobs.startProcessing(claim, holdFor: settings.visibilityTimeout) {
            case .started(let started):
                guard !run.isGivenBack else {
                    try await jobs.releaseClaim(claim)
                    return .abandoned("given back before the job started")
                }
                job = started
            case .finished:
                try await queue.acknowledge(message)
                return .skipped("job already completed")
            case .held(let until):
                let wait = Duration.seconds(max(1, until.timeIntervalSinceNow.rounded(.up) + 1))
                try await queue.release(message, after: wait, reason: "another worker holds the job")
                return .deferred("another worker holds the job; the message comes back in \(wait)")
            }
        } catch is JobSuperseded {
            try await queue.acknowledge(message)
            return .skipped("a newer job for the same photo is active")
        }
        let bookPhotos = try await photos.list(bookID: job.bookID)
        guard let source = SourcePhotoChoice.choose(from: bookPhotos, requested: job.requestedPhotoID) else {
            return try await fail(claim, message: message, run: run, code: "no_source_photo", reason: "the book has no photo to process")
        }
        let original = try await store.get(try ObjectKey(source.objectKey))
        let pipeline = self.pipeline
        let input = source.objectKey
        let result = await BlockingWork.run(in: .backgroundPhoto) { pipeline.process(original, input: input) }
        record(result.report.timings)
        guard result.report.status == "ok", let image = result.image, let thumbnail = result.thumbnail,
            let model = result.report.modelUsed
        else {
            let error = result.report.error ?? PhotoReport.ReportedError(code: "internal_error", message: "no output")
            return try await fail(claim, message: message, run: run, code: error.code, reason: "\(error.code): \(error.message)")
        }
        // The claim decides whether the result is stored: a lost message lease (a second delivery of the same SQS
        // message, which the claim defers) only means the message comes back, to find the job completed.
        if try await !queue.extendLease(message, by: settings.visibilityTimeout) {
            logger.info("message lease lost; the job's claim holds, so the result is stored", metadata: ["job_id": "\(job.id)"])
        }
        guard try await jobs.renewClaim(claim, holdFor: settings.visibilityTimeout) else {
            return .abandoned("the job was given back or taken by another worker before the result was stored")
        }
        let photoID = UUID()
        let format = pipeline.options.format
        let key = try PhotoKeys.processed(bookID: job.bookID, photoID: photoID, fileExtension: format.fileExtension)
        let thumbnailKey = try PhotoKeys.thumbnail(bookID: job.bookID, photoID: photoID)
        try await store.put(image, at: key, contentType: format.mediaType)
        try await store.put(thumbnail, at: thumbnailKey, contentType: "image/jpeg")
        let processed = BookPhoto(
            id: photoID, bookID: job.bookID, objectKey: key.value, thumbnailKey: thumbnailKey.value,
            contentType: format.mediaType, sha256: SHA256.hash(data: image).hex, width: result.report.width ?? 0,
            height: result.report.height ?? 0, byteSize: image.count, imageType: source.imageType,
            caption: source.caption, isPrimary: true, displayOrder: 0, isBackgroundProcessed: true,
            sourcePhotoID: source.id, createdAt: .now)
        let summary = ProcessingSummary(
            modelUsed: model, background: result.report.background,
            bookOutline: result.report.bookOutline.map(BookOutlineResult.init),
            stageTimings: Self.stageTimings(result.report.timings).map { StageTiming(stage: $0.0, milliseconds: $0.1) })
        let recorded: BookPhoto
        do {
            recorded = try await photos.addProcessed(processed, source: source.id, completing: claim, summary: summary)
        } catch is JobClaimLost {
            await removeFiles(key, thumbnailKey)
            return .abandoned("the job was given back or taken by another worker before the result was recorded")
        } catch {
            await removeFiles(key, thumbnailKey)
            throw error
        }
        if recorded.id != photoID {
            await removeFiles(key, thumbnailKey)
        }
        try await queue.acknowledge(message)
        JobMetrics.finished(status: "completed", reason: "ok")
        return .completed
    }

    /// Deletes files stored for a result that was not recorded (the database failed, or the book already had the
    /// same bytes); a file left behind is logged, never a reason to fail the job.
    private func removeFiles(_ keys: ObjectKey...) async {
        for key in keys {
            do {
                try await store.delete(key)
            } catch {
                logger.warning("unrecorded result file not deleted", metadata: ["key": "\(key.value)", "error": "\(error)"])
            }
        }
    }

    /// Records the failure; a failure the same photo would meet again (``PermanentFailure``) dead-letters the
    /// message at once, any other releases it for redelivery.
    private func fail(_ claim: JobClaim, message: ReceivedMessage, run: ProcessingRun, code: String, reason: String)
        async throws -> JobOutcome
    {
        guard !run.isGivenBack else { return .abandoned("given back; then the job failed: \(reason)") }
        try await jobs.markFailed(claim, error: reason)
        if PermanentFailure.isPermanent(code) {
            try await queue.deadLetter(message, reason: reason)
        } else {
            try await queue.release(message, after: settings.retryDelay, reason: reason)
        }
        JobMetrics.finished(status: "failed", reason: code)
        return .failed(reason)
    }

    private func withHeartbeat<Result: Sendable>(
        _ message: ReceivedMessage, _ claim: JobClaim, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [queue, jobs, settings, logger] in
                while !Task.isCancelled {
                    try await Task.sleep(for: settings.heartbeatInterval)
                    do {
                        if try await !queue.extendLease(message, by: settings.visibilityTimeout) {
                            logger.info("message lease lost during processing; the job's claim is what holds it")
                        }
                        if try await !jobs.renewClaim(claim, holdFor: settings.visibilityTimeout) {
                            logger.warning("job claim lost during processing")
                            return
                        }
                    } catch where !Task.isCancelled {
                        logger.warning("lease not extended, trying again at the next beat", metadata: ["error": "\(error)"])
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    private func record(_ timings: PhotoReport.StageTimings) {
        for (stage, milliseconds) in Self.stageTimings(timings) {
            JobMetrics.stage(stage, milliseconds: milliseconds)
        }
    }

    /// The report's stage timings by name, in pipeline order, the total last.
    private static func stageTimings(_ timings: PhotoReport.StageTimings) -> [(String, Double)] {
        [
            ("decode", timings.decode), ("preprocess", timings.preprocess), ("inference", timings.inference),
            ("postprocess", timings.postprocess), ("outline", timings.outline), ("refine", timings.refine),
            ("gate", timings.gate), ("composite", timings.composite), ("encode", timings.encode),
            ("thumbnail", timings.thumbnail), ("total", timings.total),
        ]
    }

    private func log(_ outcome: JobOutcome, logger: Logger) {
        switch outcome {
        case .completed: logger.info("job completed")
        case .skipped(let reason): logger.info("job skipped", metadata: ["reason": "\(reason)"])
        case .failed(let reason): logger.warning("job failed", metadata: ["reason": "\(reason)"])
        case .abandoned(let reason): logger.warning("job abandoned", metadata: ["reason": "\(reason)"])
        case .deferred(let reason): logger.info("job deferred", metadata: ["reason": "\(reason)"])
        }
    }
}

import Domain
import Hummingbird
import ImagePipeline
import JobQueue

/// Admin endpoints: jobs by status, replay, dead letters, the retry sweep, system info.
struct AdminController {
    let services: APIServices

    func addRoutes(admin: RouterGroup<AppRequestContext>) {
        admin.get("admin/jobs", use: listByStatus)
        admin.post("admin/jobs/:jobID/replay", use: replayJob)
        admin.get("admin/dead-letters", use: deadLetters)
        admin.post("admin/dead-letters/:messageID/replay", use: replayDeadLetter)
        admin.post("admin/image-processing/retry-queue-failed", use: retryQueueFailed)
        admin.get("admin/system-info", use: systemInfo)
    }

    @Sendable func listByStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = request.formQuery["status"] ?? JobStatus.failed.rawValue
        guard let status = JobStatus(rawValue: text) else {
            throw APIError.badRequest(
                "status must be one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                code: "invalid_parameter")
        }
        let limit = try request.queryInt("limit", default: 50, in: 1...500)
        let offset = try request.queryInt("offset", default: 0, in: 0...1_000_000)
        let page = try await services.jobs.list(status: status, limit: limit, offset: offset)
        return try JSONResponse.make(ListResource(page, transform: JobResource.init))
    }

    /// Puts a failed job back to `pending` and sends it again (a dead-lettered message of it is replayed).
    @Sendable func replayJob(_ request: Request, context: AppRequestContext) async throws -> Response {
        let jobID = try context.parameters.uuid("jobID")
        guard let existing = try await services.jobs.find(jobID) else { throw APIError.notFound("no job \(jobID)") }
        let dead = try await services.queue.deadLetters(limit: 1000).filter { $0.message?.jobID == jobID }
        guard let job = try await services.jobs.resetForReplay(jobID) else {
            throw APIError(
                .conflict, code: "not_replayable",
                message: "job \(jobID) is \(existing.status.rawValue); only failed, queue_failed and permanently_failed jobs can be replayed")
        }
        var sent = true
        if dead.isEmpty {
            do {
                try await services.queue.send(JobMessage(job: job))
            } catch {
                sent = false
                try await services.jobs.markQueueFailed(job.id, error: "replay could not be sent: \(error)")
            }
        } else {
            for letter in dead { _ = try await services.queue.replay(deadLetter: letter.id) }
        }
        if sent { try await services.jobs.markEnqueued(jobID) }
        let current = try await services.jobs.find(jobID) ?? job
        return try JSONResponse.make(JobResource(current), status: .accepted)
    }

    @Sendable func deadLetters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try request.queryInt("limit", default: 100, in: 1...1000)
        return try JSONResponse.make(ListResource(items: try await services.queue.deadLetters(limit: limit)))
    }

    @Sendable func replayDeadLetter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.uuid("messageID").lowercased
        let listed = try await services.queue.deadLetters(limit: 1000).first { $0.id == id }
        // Where the list shows the message, its job goes back to `pending` before the message is requeued, so that a
        // job that cannot (another job for the photo is active: 409 `job_active`) leaves the message a dead letter.
        var reset: PhotoJob?
        if let jobID = listed?.message?.jobID {
            reset = try await services.jobs.resetForReplay(jobID)
        }
        let letter: DeadLetter
        do {
            guard let replayed = try await services.queue.replay(deadLetter: id) else {
                throw APIError.notFound("no dead-lettered message \(id)")
            }
            letter = replayed
        } catch {
            if let job = reset {
                let reason = (error as? APIError)?.message ?? "\(error)"
                try? await services.jobs.markFailed(job.id, error: "replay failed: \(reason)")
            }
            throw error
        }
        if listed == nil, let jobID = letter.message?.jobID {
            reset = try await services.jobs.resetForReplay(jobID)
        }
        if let job = reset {
            try await services.jobs.markEnqueued(job.id)
        }
        return try JSONResponse.make(letter, status: .accepted)
    }

    @Sendable func retryQueueFailed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await services.sweeper.sweep())
    }

    @Sendable func systemInfo(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct SystemInfo: Encodable {
            let info: ServiceInfo
            let health: HealthReport
            let models: [ModelStore.Verification]
            let jobs: [String: Int]

            func encode(to encoder: any Encoder) throws {
                try info.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(health, forKey: .health)
                try container.encode(models, forKey: .models)
                try container.encode(jobs, forKey: .jobs)
            }

            enum Keys: String, CodingKey { case health, models, jobs }
        }
        let counts = try await services.jobs.countByStatus()
        let jobs = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
        let health = await services.health.deep()
        return try JSONResponse.make(
            SystemInfo(info: services.info, health: health, models: services.health.models.check(), jobs: jobs))
    }
}

import Domain
import Hummingbird

/// Jobs: list per book, get by id, trigger for a photo.
struct JobsController {
    let services: APIServices

    func addRoutes(reading: RouterGroup<AppRequestContext>, editing: RouterGroup<AppRequestContext>) {
        reading.get("books/:bookID/jobs", use: listForBook)
        reading.get("jobs/:jobID", use: get)
        editing.post("books/:bookID/photos/:photoID/jobs", use: trigger)
    }

    @Sendable func listForBook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try context.parameters.uuid("bookID")
        _ = try await services.existingBook(bookID)
        let jobs = try await services.jobs.list(bookID: bookID)
        return try JSONResponse.make(ListResource(items: jobs.map(JobResource.init)))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let jobID = try context.parameters.uuid("jobID")
        guard let job = try await services.jobs.find(jobID) else { throw APIError.notFound("no job \(jobID)") }
        return try JSONResponse.make(JobResource(job))
    }

    @Sendable func trigger(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bookID = try context.parameters.uuid("bookID")
        let photoID = try context.parameters.uuid("photoID")
        _ = try await services.existingPhoto(photoID, bookID: bookID)
        let creation = try await services.enqueuer.trigger(bookID: bookID, photoID: photoID)
        return try JSONResponse.make(
            TriggerResource(job: JobResource(creation.job), created: creation.created),
            status: creation.created ? .accepted : .ok)
    }
}

import Domain
import Foundation
import HTTPAPI
import Hummingbird

/// `/app/books/{id}`: one book's details, its photos in display order with the primary marked, and the history
/// of its photo jobs (status, attempts, reason, model, background, book outline and time per stage).
struct BookPageController {
    let services: APIServices
    let pages: PageRenderer

    struct Field {
        let name: String
        let value: String
    }

    struct PhotoRow {
        let position: Int
        let thumbnail: String
        let file: String
        let isPrimary: Bool
        let isProcessed: Bool
        let imageType: String?
        let size: String
    }

    struct JobRow {
        let status: String
        let created: String
        let attempts: Int
        let error: String?
        let model: String?
        let background: String?
        let outline: String?
        let timings: String?
    }

    struct BookView {
        let layout: LayoutView
        let title: String
        let fields: [Field]
        let photos: [PhotoRow]
        let jobs: [JobRow]
        let hasFields: Bool
        let hasJobs: Bool
    }

    func addRoutes(reading: RouterGroup<AppRequestContext>) {
        reading.get("books/:bookID", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("bookID").flatMap(UUID.init(uuidString:)),
            let book = try await services.books.find(id)
        else { return pages.error(.notFound, "There is no such book.", session: context.pageSession) }
        let base = "/books/\(book.id.lowercased)/photos"
        let photos = try await services.photos.list(bookID: book.id).map { photo in
            PhotoRow(
                position: photo.displayOrder + 1, thumbnail: "\(base)/\(photo.id.lowercased)/thumbnail",
                file: "\(base)/\(photo.id.lowercased)/file", isPrimary: photo.isPrimary,
                isProcessed: photo.isBackgroundProcessed, imageType: photo.imageType?.rawValue,
                size: "\(photo.width) × \(photo.height)")
        }
        let jobs = try await services.jobs.list(bookID: book.id).map(Self.row)
        let details = book.details
        let fields = [
            ("Author", details.author), ("ISBN", details.isbn), ("Publisher", details.publisher),
            ("Year", details.publicationYear.map(String.init)), ("Description", details.description),
            ("Price", details.priceCents.map { String(format: "%.2f", Double($0) / 100) + " " + (details.currency ?? "") }),
        ].compactMap { name, value in value.map { Field(name: name, value: $0) } }
        let view = BookView(
            layout: LayoutView(title: details.title, session: context.pageSession), title: details.title, fields: fields,
            photos: photos, jobs: jobs, hasFields: !fields.isEmpty, hasJobs: !jobs.isEmpty)
        return pages.page("book", view)
    }

    private static func row(_ job: PhotoJob) -> JobRow {
        JobRow(
            status: job.status.rawValue, created: job.createdAt.formatted(.iso8601), attempts: job.processingAttempts,
            error: job.error, model: job.modelUsed, background: job.background,
            outline: job.bookOutline.map { outline in
                String(format: "%@ (shape %.2f → %.2f)", outline.outcome.rawValue, outline.shapeScoreBefore, outline.shapeScoreAfter)
            },
            timings: job.stageTimings.isEmpty
                ? nil
                : job.stageTimings.filter { $0.milliseconds > 0 }
                    .map { "\($0.stage) \(Int($0.milliseconds.rounded())) ms" }.joined(separator: ", "))
    }
}

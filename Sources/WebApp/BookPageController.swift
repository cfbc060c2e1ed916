import Domain
import Foundation
import HTTPAPI
import Hummingbird

/// `/app/books/{id}`: one book's details, its photos in display order with the primary marked, the before and after
/// of every processed photo, and the history of its photo jobs. Editors also get the changing controls: edit and
/// delete the book, upload, reorder, set the type of, process and delete photos.
struct BookPageController {
    let services: APIServices
    let pages: PageRenderer

    struct Field {
        let name: String
        let value: String
    }

    struct EditField {
        let id: String
        let name: String
        let label: String
        let value: String
        let type: String
        let json: String
        let required: Bool
    }

    struct PhotoRow {
        let id: String
        let position: Int
        let thumbnail: String
        let file: String
        let api: String
        let isPrimary: Bool
        let isProcessed: Bool
        let imageType: String?
        let size: String
        let canMoveUp: Bool
        let canMoveDown: Bool
        let types: [ImageTypeChoice]
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

    struct Comparison {
        let position: Int
        let before: String
        let after: String
        let background: String
        let model: String
        let outline: String?
        let timings: String?
        let completed: String
    }

    struct BookView {
        let layout: LayoutView
        let title: String
        let bookAPI: String
        let fields: [Field]
        let editFields: [EditField]
        let photos: [PhotoRow]
        let comparisons: [Comparison]
        let jobs: [JobRow]
        let hasFields: Bool
        let hasJobs: Bool
        let canEdit: Bool
        let uploadTypes: [ImageTypeChoice]
        let pollURL: String?
        let jobStatuses: String
    }

    func addRoutes(reading: RouterGroup<AppRequestContext>) {
        reading.get("books/:bookID", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("bookID").flatMap(UUID.init(uuidString:)),
            let book = try await services.books.find(id)
        else { return pages.error(.notFound, "There is no such book.", session: context.pageSession) }
        let bookAPI = "/books/\(book.id.lowercased)"
        let stored = try await services.photos.list(bookID: book.id)
        let photos = stored.enumerated().map { index, photo in
            let api = "\(bookAPI)/photos/\(photo.id.lowercased)"
            return PhotoRow(
                id: photo.id.lowercased, position: index + 1, thumbnail: "\(api)/thumbnail", file: "\(api)/file",
                api: api, isPrimary: photo.isPrimary, isProcessed: photo.isBackgroundProcessed,
                imageType: photo.imageType?.rawValue, size: "\(photo.width) × \(photo.height)",
                canMoveUp: index > 0, canMoveDown: index < stored.count - 1, types: ImageTypeChoice.all(selected: photo.imageType))
        }
        let jobs = try await services.jobs.list(bookID: book.id)
        let rows = jobs.map(Self.row)
        let canEdit = context.pageSession?.role.allows(.editor) ?? false
        let active = jobs.contains { $0.status == .pending || $0.status == .processing }
        let details = book.details
        let fields = [
            ("Author", details.author), ("ISBN", details.isbn), ("Publisher", details.publisher),
            ("Year", details.publicationYear.map(String.init)), ("Description", details.description),
            ("Price", details.priceCents.map { Self.price($0) + " " + (details.currency ?? "") }),
        ].compactMap { name, value in value.map { Field(name: name, value: $0) } }
        let view = BookView(
            layout: LayoutView(title: details.title, session: context.pageSession), title: details.title,
            bookAPI: bookAPI, fields: fields, editFields: canEdit ? Self.editFields(details) : [], photos: photos,
            comparisons: Self.comparisons(jobs: zip(jobs, rows), photos: stored, bookAPI: bookAPI),
            jobs: rows, hasFields: !fields.isEmpty, hasJobs: !jobs.isEmpty, canEdit: canEdit,
            uploadTypes: ImageTypeChoice.all(selected: nil),
            pollURL: active ? "\(bookAPI)/jobs" : nil,
            jobStatuses: jobs.map { "\($0.id.lowercased):\($0.status.rawValue)" }.sorted().joined(separator: ","))
        return pages.page("book", view)
    }

    private static func price(_ cents: Int) -> String { String(format: "%.2f", Double(cents) / 100) }

    private static func editFields(_ details: BookDetails) -> [EditField] {
        [
            EditField(id: "edit-title", name: "title", label: "Title", value: details.title, type: "text", json: "", required: true),
            EditField(id: "edit-author", name: "author", label: "Author", value: details.author ?? "", type: "text", json: "", required: false),
            EditField(id: "edit-isbn", name: "isbn", label: "ISBN", value: details.isbn ?? "", type: "text", json: "", required: false),
            EditField(id: "edit-publisher", name: "publisher", label: "Publisher", value: details.publisher ?? "", type: "text", json: "", required: false),
            EditField(
                id: "edit-year", name: "publication_year", label: "Year", value: details.publicationYear.map(String.init) ?? "",
                type: "number", json: "int", required: false),
            EditField(
                id: "edit-description", name: "description", label: "Description", value: details.description ?? "",
                type: "text", json: "", required: false),
            EditField(
                id: "edit-price", name: "price_cents", label: "Price", value: details.priceCents.map(price) ?? "",
                type: "text", json: "cents", required: false),
            EditField(
                id: "edit-currency", name: "currency", label: "Currency (ISO code)", value: details.currency ?? "", type: "text",
                json: "upper", required: false),
        ]
    }

    /// One before/after pair for every completed job whose source and result photos are both still there. The
    /// source is the photo the worker chose (the result's `source_photo_id`), which by type priority may not be the
    /// one the job was asked for.
    private static func comparisons(
        jobs: Zip2Sequence<[PhotoJob], [JobRow]>, photos: [BookPhoto], bookAPI: String
    ) -> [Comparison] {
        let positions = Dictionary(uniqueKeysWithValues: photos.enumerated().map { ($1.id, $0 + 1) })
        let sources = Dictionary(uniqueKeysWithValues: photos.map { ($0.id, $0.sourcePhotoID) })
        return jobs.compactMap { job, row in
            guard job.status == .completed, let result = job.processedPhotoID, let position = positions[result]
            else { return nil }
            let source = sources[result].flatMap { $0 } ?? job.requestedPhotoID
            guard positions[source] != nil else { return nil }
            return Comparison(
                position: position, before: "\(bookAPI)/photos/\(source.lowercased)/file",
                after: "\(bookAPI)/photos/\(result.lowercased)/file", background: job.background ?? "unknown",
                model: job.modelUsed ?? "unknown", outline: row.outline, timings: row.timings, completed: row.created)
        }
    }

    /// What the job list says when the book-outline step kept the whole photo, with why when the job recorded it.
    private static func wholePhotoNote(_ outline: BookOutlineResult) -> String {
        guard outline.fillsFrame else { return "" }
        let why: String =
            switch outline.wholePhotoCheck {
            case .fullFrame: " (its paper runs past every edge of the photo)"
            case .runsOffFrame: " (the page runs off three sides of the photo)"
            case .printedPage: " (the model kept a picture printed on the page)"
            case nil: ""
            }
        return ", the book fills the photo: whole photo kept\(why)"
    }

    private static func row(_ job: PhotoJob) -> JobRow {
        JobRow(
            status: job.status.rawValue, created: job.createdAt.formatted(.iso8601), attempts: job.processingAttempts,
            error: job.error, model: job.modelUsed, background: job.background,
            outline: job.bookOutline.map { outline in
                String(
                    format: "%@%@ (shape %.2f → %.2f)", outline.outcome.rawValue, wholePhotoNote(outline),
                    outline.shapeScoreBefore, outline.shapeScoreAfter)
            },
            timings: job.stageTimings.isEmpty
                ? nil
                : job.stageTimings.filter { $0.milliseconds > 0 }
                    .map { "\($0.stage) \(Int($0.milliseconds.rounded())) ms" }.joined(separator: ", "))
    }
}

import Domain
import Foundation
import HTTPAPI
import Hummingbird
import JobQueue

/// `/app/admin`: the admin dashboard — jobs by status per hour over the last day, the queue's depth, messages in
/// flight and dead letters, recent failures with their reasons, the retry sweep, dead-letter replay, the health of
/// each component, the system information, and the API keys (list, create, revoke).
struct AdminPageController {
    static let historyHours = 24
    static let recentFailures = 10

    let services: APIServices
    let pages: PageRenderer

    struct HistoryRow {
        let period: String
        let counts: [Int]
        let total: Int
    }

    struct Failure {
        let jobID: String
        let book: String
        let status: String
        let attempts: Int
        let reason: String
        let updated: String
    }

    struct Letter {
        let id: String
        let jobID: String
        let receiveCount: Int
        let reason: String
        let deadLetteredAt: String
        let replay: String
    }

    struct Check {
        let name: String
        let status: String
        let detail: String
        let isHealthy: Bool
    }

    struct Fact {
        let name: String
        let value: String
    }

    struct KeyRow {
        let name: String
        let role: String
        let created: String
        let revoked: String?
        let revoke: String
    }

    struct DashboardView {
        let layout: LayoutView
        let statuses: [String]
        let history: [HistoryRow]
        let busiest: Int
        let depth: String
        let inFlight: String
        let deadLettered: String
        let failures: [Failure]
        let letters: [Letter]
        let lettersError: String?
        let health: String
        let checks: [Check]
        let facts: [Fact]
        let keys: [KeyRow]
        let roles: [String]
    }

    func addRoutes(admin: RouterGroup<AppRequestContext>) {
        admin.get("admin", use: show)
    }

    /// The page; when the queue does not answer, its figures and dead letters say so and the rest is shown, the
    /// health table first of all, which says why.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        async let deep = services.health.deepWithQueueStatistics()
        let history = try await history()
        let (letters, lettersError) = await deadLetters()
        let keys = try await services.apiKeys.list().map { key in
            KeyRow(
                name: key.name, role: key.role.rawValue, created: key.createdAt.formatted(.iso8601),
                revoked: key.revokedAt?.formatted(.iso8601), revoke: "/admin/api-keys/\(key.id.lowercased)")
        }
        let checked = await deep
        let health = checked.report
        let statistics = checked.queueStatistics
        let figure = { (value: Int?) in value.map { String($0) } ?? "unavailable" }
        let checks = health.checks.sorted { $0.key < $1.key }.flatMap { name, checks in
            checks.map { check in
                Check(
                    name: check.componentId.map { "\(name) (\($0))" } ?? name, status: check.status,
                    detail: [check.observedValue.map { "\($0.formatted()) \(check.observedUnit ?? "")" }, check.output]
                        .compactMap { $0 }.joined(separator: " · "),
                    isHealthy: check.status == "pass")
            }
        }
        let view = DashboardView(
            layout: LayoutView(title: "Dashboard", session: context.pageSession),
            statuses: JobStatus.allCases.map(\.rawValue), history: history,
            busiest: max(1, history.map(\.total).max() ?? 1), depth: figure(statistics?.depth),
            inFlight: figure(statistics?.inFlight), deadLettered: figure(statistics?.deadLettered),
            failures: try await failures(), letters: letters, lettersError: lettersError,
            health: health.status, checks: checks, facts: facts(), keys: keys, roles: Role.allCases.map(\.rawValue))
        return pages.page("admin", view)
    }

    /// The newest 50 dead letters, oldest first, or why they could not be read.
    private func deadLetters() async -> ([Letter], String?) {
        do {
            let letters = try await services.queue.deadLetters(limit: 50).reversed().map { letter in
                Letter(
                    id: letter.id, jobID: letter.message?.jobID.lowercased ?? "undecodable message",
                    receiveCount: letter.receiveCount, reason: letter.lastError ?? "",
                    deadLetteredAt: letter.deadLetteredAt.formatted(.iso8601),
                    replay: "/admin/dead-letters/\(letter.id)/replay")
            }
            return (letters, nil)
        } catch {
            return ([], "The dead letters could not be read: \(error)")
        }
    }

    /// Jobs created in each of the last hours, by the status they are in now; hours without jobs left out.
    private func history() async throws -> [HistoryRow] {
        let start = Date.now.addingTimeInterval(-Double(Self.historyHours) * 3600)
        let counts = try await services.jobs.statusHistory(since: start, period: .seconds(3600))
        let periods = Dictionary(grouping: counts, by: \.periodStart)
        return periods.keys.sorted(by: >).map { period in
            let cells = periods[period] ?? []
            let row = JobStatus.allCases.map { status in cells.first { $0.status == status }?.count ?? 0 }
            return HistoryRow(
                period: period.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)),
                counts: row, total: row.reduce(0, +))
        }
    }

    /// The latest failed, queue-failed and permanently failed jobs, newest first.
    private func failures() async throws -> [Failure] {
        var jobs: [PhotoJob] = []
        for status in [JobStatus.failed, .queueFailed, .permanentlyFailed] {
            jobs += try await services.jobs.newest(status: status, limit: Self.recentFailures)
        }
        return jobs.sorted { $0.updatedAt > $1.updatedAt }.prefix(Self.recentFailures).map { job in
            Failure(
                jobID: job.id.lowercased, book: "/app/books/\(job.bookID.lowercased)", status: job.status.rawValue,
                attempts: job.processingAttempts, reason: job.error ?? "", updated: job.updatedAt.formatted(.iso8601))
        }
    }

    /// DESIGN.md §5's system information: version, commit, environment, infrastructure and processing settings.
    private func facts() -> [Fact] {
        let info = services.info
        let processing = info.imageProcessing
        return [
            Fact(name: "Version", value: info.version), Fact(name: "Commit", value: info.commit),
            Fact(name: "Environment", value: info.environment),
        ]
            + info.infrastructure.sorted { $0.key < $1.key }.map { Fact(name: $0.key, value: $0.value) }
            + [
                Fact(name: "Model attempts", value: processing.attempts.joined(separator: ", ")),
                Fact(name: "Brightness threshold", value: processing.brightnessThreshold.formatted()),
                Fact(name: "Largest side", value: "\(processing.maxSide) px"),
                Fact(name: "Largest photo", value: "\(processing.maxMegapixels.formatted()) megapixels"),
                Fact(name: "Thumbnail", value: "\(processing.thumbnailSize) px, quality \(processing.thumbnailQuality)"),
                Fact(name: "Type priority", value: processing.typePriority.joined(separator: ", ")),
                Fact(name: "Shape floor", value: processing.shapeFloor.formatted()),
                Fact(name: "Smallest subject side", value: "\(processing.minimumSubjectSide) px"),
            ]
    }
}

import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Scaled out end to end: serve --no-workers and two workers on PostgreSQL, S3 and SQS", .timeLimit(.minutes(10)))
struct ScaledOutEndToEndTests {
    @Test("a listing imported through the API is processed; a worker killed mid-job, the other completes it, one processed photo in the bucket")
    func importAndKill() async throws {
        try await ScaledOutDeployment.with(model: "u2net") { deployment in
            let (server, url) = try await deployment.startServer()
            defer { server.terminate() }
            let site = SharedFixtures.directory.appendingPathComponent("fixtures/books")
            try await LoopbackFileServer.serving(site) { files in
                var landedMidJob = false
                for attempt in 0..<3 where !landedMidJob {
                    landedMidJob = try await importAndKill(attempt, deployment: deployment, url: url, files: files)
                }
                #expect(landedMidJob, "the job finished before the signal landed in every try")
            }
        }
    }

    /// One try: a listing imported, a second worker started once the first is processing its job, the first killed,
    /// the second completes the job after the visibility timeout.
    /// False, with nothing checked, when the job finished before the kill landed (the test process can be starved
    /// of threads for a few seconds by the suites beside it), as such a try proves nothing.
    private func importAndKill(
        _ attempt: Int, deployment: ScaledOutDeployment, url: String, files: LoopbackFileServer
    ) async throws -> Bool {
        let listing = #"{"book": {"title": "Scaled out \#(attempt)"}, "photos": [{"url": "\#(files.url("Jobs_ladeado.jpg"))"}]}"#
        let imported = await ServiceCall.send(.POST, "\(url)/imports", key: deployment.adminKey, text: listing)
        #expect(imported.status == 201, "\(imported.body)")
        let book = try #require((imported.json["book"] as? [String: Any])?["id"] as? String)
        let job = try #require((imported.json["job"] as? [String: Any])?["id"] as? String)

        let first = try deployment.startWorker(log: "first-\(attempt).log")
        let processing = try await eventually(timeout: .seconds(120)) {
            await deployment.jobStatus(job, at: url) == "processing"
        }
        #expect(processing, "first worker: \(deployment.log("first-\(attempt).log"))")
        let second = try deployment.startWorker(log: "second-\(attempt).log")
        defer { second.terminate() }
        kill(first.pid, SIGKILL)
        #expect(await first.exitStatus() == 128 + SIGKILL)
        guard await deployment.jobStatus(job, at: url) == "processing" else { return false }

        let completed = try await eventually(timeout: .seconds(300)) {
            await deployment.jobStatus(job, at: url) == "completed"
        }
        #expect(completed, "second worker: \(deployment.log("second-\(attempt).log"))")
        let final = await ServiceCall.send(.GET, "\(url)/jobs/\(job)", key: deployment.adminKey).json
        #expect(final["processing_attempts"] as? Int ?? 0 >= 2, "\(final)")
        let photos = await ServiceCall.send(.GET, "\(url)/books/\(book)/photos", key: deployment.adminKey)
        let list = photos.json["items"] as? [[String: Any]] ?? []
        #expect(list.count == 2, "\(photos.body)")
        let primary = try #require(list.first { $0["is_primary"] as? Bool == true }, "\(photos.body)")
        #expect(primary["id"] as? String == final["processed_image_id"] as? String)
        #expect(try await deployment.processedObjects().filter { $0.contains(book.lowercased()) }.count == 1)
        let download = await ServiceCall.send(
            .GET, "\(url)/books/\(book)/photos/\(primary["id"] as? String ?? "")/file", key: deployment.adminKey)
        #expect(download.status == 307 && download.location?.contains(deployment.bucket) == true,
                "\(download.status) \(download.location ?? "") \(download.body)")
        return true
    }
}

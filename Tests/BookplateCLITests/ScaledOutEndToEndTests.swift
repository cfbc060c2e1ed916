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
                let listing = #"{"book": {"title": "Scaled out"}, "photos": [{"url": "\#(files.url("Jobs_ladeado.jpg"))"}]}"#
                let imported = await ServiceCall.send(.POST, "\(url)/imports", key: deployment.adminKey, text: listing)
                #expect(imported.status == 201, "\(imported.body)")
                let book = try #require((imported.json["book"] as? [String: Any])?["id"] as? String)
                let job = try #require((imported.json["job"] as? [String: Any])?["id"] as? String)

                let first = try deployment.startWorker(log: "first.log")
                let processing = try await eventually(timeout: .seconds(120)) {
                    await deployment.jobStatus(job, at: url) == "processing"
                }
                #expect(processing, "first worker: \(deployment.log("first.log"))")
                let second = try deployment.startWorker(log: "second.log")
                defer { second.terminate() }
                try await Task.sleep(for: .milliseconds(300))
                kill(first.pid, SIGKILL)
                #expect(first.wait() == 128 + SIGKILL)

                let completed = try await eventually(timeout: .seconds(300)) {
                    await deployment.jobStatus(job, at: url) == "completed"
                }
                #expect(completed, "second worker: \(deployment.log("second.log"))")
                let final = await ServiceCall.send(.GET, "\(url)/jobs/\(job)", key: deployment.adminKey).json
                #expect(final["processing_attempts"] as? Int ?? 0 >= 2, "\(final)")
                let photos = await ServiceCall.send(.GET, "\(url)/books/\(book)/photos", key: deployment.adminKey)
                let list = photos.json["items"] as? [[String: Any]] ?? []
                #expect(list.count == 2, "\(photos.body)")
                let primary = try #require(list.first { $0["is_primary"] as? Bool == true }, "\(photos.body)")
                #expect(primary["id"] as? String == final["processed_image_id"] as? String)
                #expect(try await deployment.processedObjects().count == 1)
                let download = await ServiceCall.send(
                    .GET, "\(url)/books/\(book)/photos/\(primary["id"] as? String ?? "")/file", key: deployment.adminKey)
                #expect(download.status == 307 && download.location?.contains(deployment.bucket) == true,
                        "\(download.status) \(download.location ?? "") \(download.body)")
            }
        }
    }
}

import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The S3 and SQS endpoint stops answering under a running scaled-out deployment and comes back: moto is frozen
/// with SIGSTOP (connections still complete in the kernel, no answer comes — the hardest case for deadlines) and
/// let go on with SIGCONT, so it keeps its state, as a restarted AWS endpoint would.
@Suite("S3 and SQS stop answering under load and come back", .timeLimit(.minutes(8)))
struct StoreAndQueueOutageTests {
    @Test("store and queue calls answer 503 within seconds, readiness flips within one, nothing is lost, processing resumes")
    func frozenEndpoint() async throws {
        let moto = try MotoPeer.processID()
        try await ScaledOutDeployment.with(model: "u2netp", visibilitySeconds: 5, callTimeoutMilliseconds: "3000") { deployment in
            let (server, url) = try await deployment.startServer()
            defer { server.terminate() }
            let workers = try ["a.log", "b.log"].map { try deployment.startWorker(log: $0) }
            defer { workers.forEach { $0.terminate() } }
            let key = deployment.adminKey
            let photo = try SharedFixtures.bytes("books/Jobs_ladeado.jpg")

            var books: [String] = []
            for index in 0..<4 {
                let book = await ServiceCall.send(.POST, "\(url)/books", key: key, text: #"{"title": "Load \#(index)"}"#)
                let id = try #require(book.json["id"] as? String, "\(book.body)")
                let upload = await ServiceCall.send(.POST, "\(url)/books/\(id)/photos?is_primary=true", key: key, body: photo)
                #expect(upload.status == 201, "\(upload.body)")
                books.append(id)
            }
            let emptyBook = try #require(
                await ServiceCall.send(.POST, "\(url)/books", key: key, text: #"{"title": "During"}"#).json["id"] as? String)
            let busy = try await eventually(timeout: .seconds(120)) {
                let jobs = await ServiceCall.send(.GET, "\(url)/books/\(books[0])/jobs", key: key).json["items"] as? [[String: Any]]
                return jobs?.contains { $0["status"] as? String != "pending" } == true
            }
            #expect(busy, "no job started: \(deployment.log("a.log"))")

            kill(moto, SIGSTOP)
            defer { kill(moto, SIGCONT) }
            let frozenAt = ContinuousClock.now
            let upload = await ServiceCall.send(.POST, "\(url)/books/\(emptyBook)/photos?is_primary=true", key: key, body: photo)
            let ready = await ServiceCall.send(.GET, "\(url)/health/ready", key: key)
            let list = await ServiceCall.send(.GET, "\(url)/books", key: key)
            let live = await ServiceCall.send(.GET, "\(url)/health/live", key: key)
            try await Task.sleep(until: frozenAt + .seconds(10))
            kill(moto, SIGCONT)

            #expect(upload.status == 503 && upload.retryAfter != nil && upload.body.contains("storage_unavailable"),
                    "\(upload.status) \(upload.body)")
            #expect(upload.seconds < 6, "the upload took \(upload.seconds) s")
            #expect(ready.status == 503 && ready.seconds < 2.5, "readiness took \(ready.seconds) s: \(ready.body)")
            let failing = (ready.json["checks"] as? [String: [[String: Any]]] ?? [:])
                .filter { $0.value.first?["status"] as? String == "fail" }.keys.sorted()
            #expect(failing == ["objectStore:responseTime", "queue:responseTime"], "\(ready.body)")
            #expect(list.status == 200 && list.seconds < 2.5, "the catalogue, which needs neither, took \(list.seconds) s")
            #expect(live.status == 200)

            let recovered = try await eventually(timeout: .seconds(30)) {
                await ServiceCall.send(.GET, "\(url)/health/ready", key: key).status == 200
            }
            #expect(recovered, "readiness did not come back: \(deployment.log("serve.log"))")
            let during = await ServiceCall.send(.GET, "\(url)/books/\(emptyBook)/photos", key: key)
            #expect((during.json["items"] as? [Any])?.isEmpty == true, "the refused upload left a photo: \(during.body)")

            for book in books {
                let completed = try await eventually(timeout: .seconds(300)) {
                    let jobs = await ServiceCall.send(.GET, "\(url)/books/\(book)/jobs", key: key).json["items"] as? [[String: Any]]
                    return jobs?.count == 1 && jobs?.first?["status"] as? String == "completed"
                }
                let jobs = await ServiceCall.send(.GET, "\(url)/books/\(book)/jobs", key: key)
                #expect(completed, "book \(book): \(jobs.body)\n\(deployment.log("a.log"))\n\(deployment.log("b.log"))")
                let photos = await ServiceCall.send(.GET, "\(url)/books/\(book)/photos", key: key).json["items"] as? [[String: Any]] ?? []
                #expect(photos.count == 2 && photos.first?["is_background_processed"] as? Bool == true
                        && photos.first?["is_primary"] as? Bool == true, "\(photos)")
            }
            #expect(try await deployment.processedObjects().count == books.count)
            let deep = await ServiceCall.send(.GET, "\(url)/health/deep", key: key).json["checks"] as? [String: [[String: Any]]]
            #expect(deep?["queue:deadLetters"]?.first?["observedValue"] as? Int == 0, "\(deep ?? [:])")
        }
    }
}

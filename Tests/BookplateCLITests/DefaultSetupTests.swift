import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// What a newcomer gets: `bookplate serve` with no flags over the models the README's commands install, and
/// `bookplate smoke-test` telling whether any attempt of the list can run.
@Suite("Default set-up: serve with no flags, smoke test and models", .serialized, .timeLimit(.minutes(6)))
struct DefaultSetupTests {
    static let installedModels = CommandRunner.packageRoot.appendingPathComponent("bookplate-data/models")

    /// A working folder whose `bookplate-data/models` links to the installed official models.
    static func folderWithInstalledModels() throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let models = folder.appendingPathComponent("bookplate-data/models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        for file in ["u2net.onnx", "u2netp.onnx"] {
            try FileManager.default.createSymbolicLink(
                at: models.appendingPathComponent(file), withDestinationURL: Self.installedModels.appendingPathComponent(file))
        }
        return folder
    }

    /// Sends a request with `key` and returns the status and JSON body.
    static func call(
        _ method: HTTPMethod, _ url: String, key: String, body: [UInt8]? = nil
    ) async throws -> (status: UInt, json: [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return (response.status.code, json)
    }

    @Test("serve with no flags processes an uploaded primary photo with u2net and reports isnet-general-use missing")
    func serveWithNoFlags() async throws {
        let folder = try Self.folderWithInstalledModels()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = APIKeyToken.generate().value
        let log = folder.appendingPathComponent("serve.log")
        let server = try ChildProcess(
            ["/bin/sh", "-c", #"cd "$0" && exec "$1" serve"#, folder.path, CommandRunner.executable.path],
            environment: ["BOOKPLATE_HTTP_PORT": "0", "BOOKPLATE_AUTH_BOOTSTRAP_ADMIN_KEY": key], standardError: log)
        defer { server.terminate() }
        let base = try await LoopbackAddresses.serveAddress(log: log)
        let url = try #require(base, "serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")

        let book = try await Self.call(.POST, "\(url)/books", key: key, body: Array(#"{"title": "Default set-up"}"#.utf8))
        let bookID = try #require(book.json["id"] as? String, "\(book)")
        let photo = try await Self.call(
            .POST, "\(url)/books/\(bookID)/photos?is_primary=true&image_type=cover", key: key,
            body: Array(try Data(contentsOf: CommandRunner.shared.appendingPathComponent("fixtures/books/book1.jpg"))))
        #expect(photo.status == 201, "\(photo.json)")

        var job: [String: Any] = [:]
        for _ in 0..<1200 {
            let jobs = try await Self.call(.GET, "\(url)/books/\(bookID)/jobs", key: key)
            job = (jobs.json["items"] as? [[String: Any]])?.first ?? [:]
            if let status = job["status"] as? String, status != "pending", status != "processing" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let serverLog = String(decoding: (try? Data(contentsOf: log))?.suffix(3000) ?? Data(), as: UTF8.self)
        #expect(job["status"] as? String == "completed", "\(job)\n\(serverLog)")
        let warmUp = serverLog.split(separator: "\n").first { $0.contains("pipeline warmed up") }
        #expect(warmUp?.contains("model=u2net ") == true, "serve opens the first model at start-up: \(serverLog)")
        #expect(job["model_used"] as? String == "u2net")
        #expect(job["book_outline"] as? String == "not_needed", "book1.jpg's mask is book-shaped already")
        #expect((job["shape_score_before"] as? Double ?? 0) >= 0.9 && (job["shape_score_after"] as? Double ?? 0) >= 0.9)
        #expect(job["book_outline_fills_frame"] as? Bool == false)
        #expect(job["book_outline_whole_photo_check"] == nil)
        let primary = try await Self.call(.GET, "\(url)/books/\(bookID)/photos/primary", key: key)
        #expect(primary.json["id"] as? String == job["processed_image_id"] as? String)

        let health = try await Self.call(.GET, "\(url)/health/deep", key: key)
        let checks = (health.json["checks"] as? [String: Any])?["models:verified"] as? [[String: Any]] ?? []
        #expect(health.json["status"] as? String == "warn", "\(health.json)")
        #expect(checks.map { $0["componentId"] as? String } == ["u2net", "isnet-general-use"])
        #expect(checks.map { $0["status"] as? String } == ["pass", "warn"])
        #expect((checks.last?["output"] as? String)?.contains("attempts 3 are skipped") == true)
    }

    @Test("a worker whose models are missing says so at start-up, keeps running and stops cleanly on SIGTERM")
    func workerWithoutModels() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("worker.log")
        let worker = try ChildProcess(
            [CommandRunner.executable.path, "worker"],
            environment: ["BOOKPLATE_DATA_DIR": folder.path, "BOOKPLATE_PIPELINE_ATTEMPTS": "u2net"], standardError: log)
        var text = ""
        for _ in 0..<300 where !text.contains("pipeline not warmed up") {
            try await Task.sleep(for: .milliseconds(100))
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        #expect(text.contains("pipeline not warmed up") && text.contains("no model of the attempt list"), "\(text)")
        #expect(text.contains("u2net.onnx"), "the reason names the missing file: \(text)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(kill(worker.pid, 0) == 0, "the worker is still running: \(text)")
        kill(worker.pid, SIGTERM)
        #expect(await worker.exitStatus() == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    @Test("smoke-test fails when no attempt can run and passes when one can")
    func smokeTest() async throws {
        let empty = try CommandRunner.temporaryFolder()
        let withModels = try Self.folderWithInstalledModels()
        defer {
            try? FileManager.default.removeItem(at: empty)
            try? FileManager.default.removeItem(at: withModels)
        }
        let failing = try await CommandRunner.run(["smoke-test", "--data-dir", empty.path])
        #expect(failing.status == 1)
        #expect(failing.standardOutput.contains(#""status":"failed""#), "\(failing.standardOutput)")
        #expect(failing.standardError.contains("fail models:verified u2net"), "\(failing.standardError)")
        #expect(failing.standardError.contains("fail models:verified isnet-general-use"))

        let passing = try await CommandRunner.run(["smoke-test", "--data-dir", withModels.appendingPathComponent("bookplate-data").path])
        #expect(passing.status == 0, "\(passing.standardError)")
        #expect(passing.standardOutput.contains(#""status":"ok""#))
        #expect(passing.standardError.contains("warn models:verified isnet-general-use"))
    }
}

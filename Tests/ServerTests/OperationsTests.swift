import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import BookplateServer
import Persistence
import TestSupport
import Testing

@Suite("Health checks, system information, metrics, smoke test and the OpenAPI document", .timeLimit(.minutes(5)))
struct OperationsTests {
    @Test("liveness, readiness and the deep check in application/health+json", arguments: DatabaseEngine.allCases)
    func health(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                for path in ["/health/live", "/health/ready", "/health/deep"] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .ok, "\(path)")
                        #expect(response.headers[.contentType] == "application/health+json")
                        let status = try object(response.body)["status"] as? String
                        #expect(status == "pass", "\(path): \(String(buffer: response.body))")
                    }
                }
                let ready = try await client.execute(uri: "/health/ready", method: .get) {
                    try object($0.body)["checks"] as? [String: [[String: Any]]] ?? [:]
                }
                #expect(Set(ready.keys) == ["database:responseTime", "database:migrations", "objectStore:responseTime",
                                            "queue:responseTime"])
                let deep = try await client.execute(uri: "/health/deep", method: .get) {
                    try object($0.body)["checks"] as? [String: [[String: Any]]] ?? [:]
                }
                for name in ["database:responseTime", "database:migrations", "objectStore:responseTime", "queue:responseTime",
                             "queue:depth", "queue:inFlight", "queue:deadLetters"] {
                    let check = try #require(deep[name]?.first, "\(name) missing from \(deep.keys.sorted())")
                    #expect(check["status"] as? String == "pass", "\(name)")
                }
                #expect(deep["database:migrations"]?.first?["observedValue"] as? Int == Migration.all.count)
                #expect(deep["database:responseTime"]?.first?["observedUnit"] as? String == "ms")
            }
        }
    }

    /// Anyone may call the deep check, and each run writes, reads and deletes a probe object in the store: requests
    /// at the same time must share one run, and a run's report answers the next second's requests too.
    @Test("requests to the deep check at the same time share one run; a second later a new one runs")
    func sharedDeepCheck() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.live) { client in
                let run = { @Sendable () async throws -> String in
                    try await client.execute(uri: "/health/deep", method: .get) { response in
                        let checks = try object(response.body)["checks"] as? [String: [[String: Any]]] ?? [:]
                        return ["database:responseTime", "objectStore:responseTime", "queue:responseTime"].map { name in
                            let check = checks[name]?.first
                            return "\(check?["time"] ?? "none") \(check?["observedValue"] ?? "none")"
                        }.joined(separator: ", ")
                    }
                }
                let runs = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<12 { group.addTask { try await run() } }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(runs.count == 1 && runs.first?.contains("none") == false, "\(runs)")
                try await Task.sleep(for: .milliseconds(1200))
                let later = try await run()
                #expect(!runs.contains(later), "a new run after the second: \(later)")
            }
        }
    }

    @Test("readiness fails with 503 when the database lost its schema; the deep check names the reason")
    func unhealthy() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                try await database.database.query("DROP TABLE schema_migrations")
                for path in ["/health/ready", "/health/deep"] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .serviceUnavailable, "\(path)")
                        let status = try object(response.body)["status"] as? String
                        #expect(status == "fail")
                    }
                }
                let live = try await client.execute(uri: "/health/live", method: .get) { $0.status }
                #expect(live == .ok)
            }
        }
    }

    @Test("the deep check fails when no model of the attempt list is present and intact, warns when some are missing")
    func models() async throws {
        try await withDatabase(.sqlite) { database in
            let empty = try TemporaryFolder()
            let corrupted = try TemporaryFolder()
            var bytes = try Data(contentsOf: SharedFixtures.models.appendingPathComponent("u2netp.onnx"))
            bytes[100] ^= 0x01
            try bytes.write(to: corrupted.url.appendingPathComponent("u2netp.onnx"))
            let cases: [(settings: [String: String], status: String, checks: [String])] = [
                (["models.dir": empty.url.path], "fail", ["fail"]),
                (["models.dir": corrupted.url.path], "fail", ["fail"]),
                (["pipeline.attempts": "u2netp,isnet-general-use"], "warn", ["pass", "warn"]),
                ([:], "pass", ["pass"]),
            ]
            for (settings, status, checks) in cases {
                let service = try await TestService.make(database: database, settings: settings)
                try await service.application(workers: false).test(.router) { client in
                    try await client.execute(uri: "/health/deep", method: .get) { response in
                        #expect(response.status == (status == "fail" ? .serviceUnavailable : .ok), "\(settings)")
                        let report = try object(response.body)
                        #expect(report["status"] as? String == status, "\(settings): \(String(buffer: response.body))")
                        let models = (report["checks"] as? [String: [[String: Any]]])?["models:verified"] ?? []
                        #expect(models.map { $0["status"] as? String } == checks, "\(settings)")
                    }
                }
            }
        }
    }

    @Test("system information for admins: version, settings, health, job counts")
    func systemInfo() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let info = try await client.execute(uri: "/admin/system-info", method: .get, headers: service.headers(.admin)) {
                    try object($0.body)
                }
                #expect(info["version"] as? String == BookplateVersion.version)
                #expect(info["environment"] is String && info["commit"] is String)
                let infrastructure = try #require(info["infrastructure"] as? [String: Any])
                #expect(infrastructure["queue"] as? String == "photo-jobs" || infrastructure.values.contains { $0 as? String == "photo-jobs" })
                let processing = try #require(info["image_processing"] as? [String: Any])
                #expect(processing["attempts"] as? [String] == ["u2netp"])
                #expect(processing["brightness_threshold"] as? Double == 128)
                #expect(processing["thumbnail_size"] as? Int == 300 && processing["thumbnail_quality"] as? Int == 85)
                #expect(processing["max_side"] as? Int == 4096)
                #expect(processing["type_priority"] as? [String] == ImageType.processingPriority.map(\.rawValue))
                #expect((info["health"] as? [String: Any])?["status"] as? String == "pass")
                let models = try #require(info["models"] as? [[String: Any]])
                #expect(models.map { $0["name"] as? String } == ["u2netp"])
                #expect(models.first?["status"] as? String == "ok")
                #expect(models.first?["sha256"] as? String == "c0fef3346be42eb27509bba9fdd32d3d2e1e0fd820fed6758d6389f0cf6f2218")
                #expect(models.first?["md5"] is String)
                #expect((info["jobs"] as? [String: Int])?.keys.sorted() == JobStatus.allCases.map(\.rawValue).sorted())
            }
        }
    }

    @Test("metrics in Prometheus text: HTTP requests and queue gauges; smoke test; the OpenAPI document")
    func metricsSmokeAndDocument() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                _ = try await client.execute(uri: "/books", method: .get, headers: service.headers(.viewer)) { $0.status }
                let metrics = try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                    return String(buffer: response.body)
                }
                #expect(metrics.contains("hb_requests"), "\(metrics.prefix(400))")
                #expect(metrics.contains(#"bookplate_queue_depth{queue="photo-jobs"} 0"#), "\(metrics.prefix(2000))")
                #expect(metrics.contains("bookplate_queue_dead_letters"))
                let smoke = try await client.execute(uri: "/smoke-test", method: .get) { try object($0.body) }
                #expect(smoke["status"] as? String == "ok" && smoke["version"] as? String == BookplateVersion.version)
                let document = try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                    #expect(response.headers[.contentType] == "application/yaml")
                    return String(buffer: response.body)
                }
                #expect(document.hasPrefix("openapi: 3.1"))
                for route in AuthTests.routes {
                    let template = route.path.replacingOccurrences(of: AuthTests.someID, with: "{id}")
                    let documented = document.components(separatedBy: "\n").contains { line in
                        line.hasPrefix("  /") && Self.sameTemplate(line.trimmingCharacters(in: .whitespaces).dropLast(), template)
                    }
                    #expect(documented, "\(route.path) is not in openapi.yaml")
                }
            }
        }
    }

    /// Whether a documented path such as `/books/{bookID}` has the shape of `template` (`/books/{id}`).
    static func sameTemplate(_ documented: Substring, _ template: String) -> Bool {
        let left = documented.split(separator: "/"), right = template.split(separator: "/")
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { a, b in a == b || (a.hasPrefix("{") && b == "{id}") }
    }
}

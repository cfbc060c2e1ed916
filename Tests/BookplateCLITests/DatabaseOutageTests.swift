import Domain
import Foundation
import NIOHTTP1
import Testing

/// A running `bookplate serve` whose PostgreSQL server is stopped and started again, as an operator would with
/// `pg_ctl stop -m fast`: requests fail fast with 503 and `Retry-After`, readiness answers within a second, and
/// the service recovers by itself with nothing lost.
@Suite("PostgreSQL stopped and restarted under a running serve", .timeLimit(.minutes(4)))
struct DatabaseOutageTests {
    /// A PostgreSQL server of the test's own in a temporary folder, on a free loopback port.
    struct OwnPostgres {
        let folder: URL
        let port: Int

        static let control = """
            pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
            as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
            """

        init() async throws {
            folder = try CommandRunner.temporaryFolder()
            port = try LoopbackAddresses.freePort()
            try await run("""
                chmod 755 "$F"; [ "$(id -u)" -eq 0 ] && chown postgres "$F"
                as_pg "$pg/initdb" -D "$F/data" -U postgres --auth=trust -E UTF8 >/dev/null
                """)
            try await start()
        }

        func start() async throws {
            try await run(#"as_pg "$pg/pg_ctl" -D "$F/data" -l "$F/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $P -k $F -c fsync=off" start >/dev/null"#)
        }

        func stop() async throws {
            try await run(#"as_pg "$pg/pg_ctl" -D "$F/data" -m fast -w stop >/dev/null"#)
        }

        func remove() {
            _ = try? started(#"as_pg "$pg/pg_ctl" -D "$F/data" -m immediate stop >/dev/null 2>&1; true"#).wait()
            try? FileManager.default.removeItem(at: folder)
        }

        var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

        /// `script` started under bash, stopping at its first failing command.
        private func started(_ script: String) throws -> ChildProcess {
            try ChildProcess(
                ["bash", "-c", "set -e\n" + Self.control + "\n" + script],
                environment: ["F": folder.path, "P": String(port)])
        }

        private func run(_ script: String) async throws {
            let status = try await started(script).exitStatus()
            guard status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(script) exited \(status)"]) }
        }
    }

    @Test("requests answer 503 with Retry-After within a couple of seconds, readiness within one, then recover")
    func outage() async throws {
        let postgres = try await OwnPostgres()
        defer { postgres.remove() }
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = APIKeyToken.generate().value
        let log = folder.appendingPathComponent("serve.log")
        let server = try ChildProcess(
            [CommandRunner.executable.path, "serve", "--data-dir", folder.path, "--database-url", postgres.url,
             "--models-dir", CommandRunner.shared.appendingPathComponent("models").path, "--attempts", "u2netp", "--port", "0"],
            environment: ["BOOKPLATE_AUTH_BOOTSTRAP_ADMIN_KEY": key], standardError: log)
        defer { server.terminate() }
        let base = try await LoopbackAddresses.serveAddress(log: log)
        let url = try #require(base, "serve did not start")
        for index in 0..<3 {
            #expect(await ServiceCall.send(.POST, "\(url)/books", key: key, text: #"{"title": "Book \#(index)"}"#).status == 201)
        }

        try await postgres.stop()
        let during = await withTaskGroup(of: ServiceCall.self) { group in
            for index in 0..<12 {
                group.addTask {
                    index % 3 == 0
                        ? await ServiceCall.send(.POST, "\(url)/books", key: key, text: #"{"title": "During"}"#)
                        : await ServiceCall.send(.GET, "\(url)/books", key: key)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for answer in during {
            #expect(answer.status == 503, "\(answer.body)")
            #expect(answer.retryAfter != nil && answer.body.contains("database_unavailable"), "\(answer.body)")
            #expect(answer.seconds < 3.5, "took \(answer.seconds) s")
        }
        let ready = await ServiceCall.send(.GET, "\(url)/health/ready", key: key)
        #expect(ready.status == 503 && ready.seconds < 2.5, "readiness took \(ready.seconds) s: \(ready.body)")
        #expect(await ServiceCall.send(.GET, "\(url)/health/live", key: key).status == 200)

        try await postgres.start()
        var recovered = false
        for _ in 0..<60 where !recovered {
            recovered = await ServiceCall.send(.GET, "\(url)/health/ready", key: key).status == 200
            if !recovered { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(recovered, "readiness did not come back: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
        let list = await ServiceCall.send(.GET, "\(url)/books?limit=50", key: key)
        #expect(list.status == 200)
        for index in 0..<3 { #expect(list.body.contains("Book \(index)"), "\(list.body)") }
        #expect(!list.body.contains("During"))
        #expect(await ServiceCall.send(.POST, "\(url)/books", key: key, text: #"{"title": "After"}"#).status == 201)
    }
}

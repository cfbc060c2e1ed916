import Foundation
import ImagePipeline
import Testing

/// `bookplate models list | verify | pull`, with pull tested against a real HTTP server on loopback.
@Suite("bookplate models", .serialized, .timeLimit(.minutes(2)))
struct ModelsCommandTests {
    let sharedModels = CommandRunner.shared.appendingPathComponent("models")

    @Test("list shows every registry model and which files are present")
    func list() throws {
        let result = try CommandRunner.run(["models", "list", "--models-dir", sharedModels.path, "--json"])
        #expect(result.status == 0)
        let listing = try JSONDecoder().decode([ModelStore.Listing].self, from: Data(result.standardOutput.utf8))
        #expect(listing.map(\.name) == ["u2net", "u2netp", "silueta", "isnet-general-use", "birefnet-general", "birefnet-general-lite"])
        #expect(listing.first { $0.name == "u2netp" }?.present == true)
        #expect(listing.first { $0.name == "u2net" }?.present == false)
    }

    @Test("verify accepts our u2netp and rejects a corrupted copy")
    func verify() throws {
        let ok = try CommandRunner.run(["models", "verify", "u2netp", "--models-dir", sharedModels.path])
        #expect(ok.status == 0)
        #expect(ok.standardOutput.contains("ok"))
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = try Data(contentsOf: sharedModels.appendingPathComponent("u2netp.onnx"))
        bytes[1000] ^= 0xFF
        try bytes.write(to: folder.appendingPathComponent("u2netp.onnx"))
        let bad = try CommandRunner.run(["models", "verify", "u2netp", "--models-dir", folder.path])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains("mismatch"))
    }

    /// Serves `folder` over HTTP on a free loopback port with Python's http.server for the body of `work`.
    func withServer(serving folder: URL, _ work: (Int) throws -> Void) throws {
        let port = Int.random(in: 20_000...32_000)
        let log = folder.deletingLastPathComponent().appendingPathComponent("server-\(port).log")
        let server = try ChildProcess(
            ["python3", "-u", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder.path],
            standardOutput: log)
        defer {
            server.terminate()
            try? FileManager.default.removeItem(at: log)
        }
        for _ in 0..<200 {
            if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("Serving HTTP") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try work(port)
    }

    @Test("pull downloads, checks the checksum and renames into place")
    func pull() throws {
        let served = try CommandRunner.temporaryFolder()
        let target = try CommandRunner.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: served)
            try? FileManager.default.removeItem(at: target)
        }
        try FileManager.default.copyItem(
            at: sharedModels.appendingPathComponent("u2netp.onnx"), to: served.appendingPathComponent("u2netp.onnx"))
        var corrupted = try Data(contentsOf: sharedModels.appendingPathComponent("u2netp.onnx"))
        corrupted[5000] ^= 0x01
        try corrupted.write(to: served.appendingPathComponent("bad.onnx"))
        try withServer(serving: served) { port in
            let good = try CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", "http://127.0.0.1:\(port)/u2netp.onnx",
            ])
            #expect(good.status == 0, "\(good.standardError)")
            #expect(try Data(contentsOf: target.appendingPathComponent("u2netp.onnx")).count == 4_547_294)

            try FileManager.default.removeItem(at: target.appendingPathComponent("u2netp.onnx"))
            let bad = try CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", "http://127.0.0.1:\(port)/bad.onnx",
            ])
            #expect(bad.status == 1)
            #expect(bad.standardError.contains("model_checksum_mismatch"))
            let missing = try CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", "http://127.0.0.1:\(port)/absent.onnx",
            ])
            #expect(missing.status == 1)
            #expect(missing.standardError.contains("404"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        }
    }

    @Test("pull of an unknown model names the problem")
    func pullUnknown() throws {
        let result = try CommandRunner.run(["models", "pull", "no-such-model", "--models-dir", "/tmp"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("unknown_model"))
    }
}

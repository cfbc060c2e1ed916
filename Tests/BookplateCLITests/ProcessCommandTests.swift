import Foundation
import ImagePipeline
import Testing

/// `bookplate process` end to end on real files.
@Suite("bookplate process", .serialized, .timeLimit(.minutes(3)))
struct ProcessCommandTests {
    let models = CommandRunner.shared.appendingPathComponent("models").path

    @Test("a folder with a good photo and a hostile file: outputs for one, a named failure for the other, exit 1")
    func folderWithFailure() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("in/nested")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let book = CommandRunner.shared.appendingPathComponent("fixtures/books/book1.jpg")
        try FileManager.default.copyItem(at: book, to: inputs.appendingPathComponent("book1.jpg"))
        try Data("<html>not a photo</html>".utf8).write(to: inputs.appendingPathComponent("page.jpg"))
        let output = folder.appendingPathComponent("out")
        let result = try await CommandRunner.run([
            "process", folder.appendingPathComponent("in").path, "--output", output.path, "--model", "u2netp",
            "--models-dir", models, "--json",
        ])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let reports = try lines.map { try JSONDecoder().decode(PhotoReport.self, from: Data($0.utf8)) }
        let good = try #require(reports.first { $0.input?.hasSuffix("book1.jpg") == true })
        let bad = try #require(reports.first { $0.input?.hasSuffix("page.jpg") == true })
        #expect(good.status == "ok")
        #expect(good.modelUsed == "u2netp")
        #expect(good.outputs.image == output.appendingPathComponent("book1.png").path)
        #expect(good.outputs.thumbnail == output.appendingPathComponent("book1.thumb.jpg").path)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("book1.png").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("book1.thumb.jpg").path))
        #expect(bad.status == "failed")
        #expect(bad.error?.code == "unrecognised_format")
        #expect(result.standardError.contains("page.jpg: unrecognised_format"))
    }

    @Test("--mask-only writes DIR/<stem>.mask.png and nothing else")
    func maskOnly() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = CommandRunner.shared.appendingPathComponent("fixtures/rembg/inputs/car-1.jpg")
        let result = try await CommandRunner.run([
            "process", photo.path, "--output", folder.path, "--model", "u2netp", "--models-dir", models, "--mask-only",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(written == ["car-1.mask.png"])
    }

    @Test("an output that would overwrite an input is refused")
    func neverOverwritesInput() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = folder.appendingPathComponent("fort.png")
        try FileManager.default.copyItem(
            at: CommandRunner.shared.appendingPathComponent("fixtures/books/fortSolitude.png"), to: photo)
        let before = try Data(contentsOf: photo)
        let result = try await CommandRunner.run([
            "process", photo.path, "--output", folder.path, "--model", "u2netp", "--models-dir", models,
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("output_conflict"))
        #expect(try Data(contentsOf: photo) == before)
    }

    @Test("--format jpeg with a colour background, --crop and --background transparent with webp")
    func formatsAndBackgrounds() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = CommandRunner.shared.appendingPathComponent("fixtures/books/book1.jpg")
        let jpeg = try await CommandRunner.run([
            "process", photo.path, "--output", folder.appendingPathComponent("a").path, "--model", "u2netp",
            "--models-dir", models, "--format", "jpeg", "--background", "#336699", "--crop", "--margin", "10",
        ])
        #expect(jpeg.status == 0, "\(jpeg.standardError)")
        let jpegHeader = try ImageHeader.read([UInt8](Data(contentsOf: folder.appendingPathComponent("a/book1.jpg"))))
        #expect(jpegHeader.loader.hasPrefix("jpegload"))
        #expect(jpegHeader.width < 449)
        let webp = try await CommandRunner.run([
            "process", photo.path, "--output", folder.appendingPathComponent("b").path, "--model", "u2netp",
            "--models-dir", models, "--format", "webp", "--background", "transparent",
        ])
        #expect(webp.status == 0, "\(webp.standardError)")
        let webpHeader = try ImageHeader.read([UInt8](Data(contentsOf: folder.appendingPathComponent("b/book1.webp"))))
        #expect(webpHeader.loader.hasPrefix("webpload") && webpHeader.bands == 4)
        let refused = try await CommandRunner.run([
            "process", photo.path, "--output", folder.path, "--format", "jpeg", "--background", "transparent",
        ])
        #expect(refused.status != 0)
    }

    @Test("a photo over the side limit fails by default and is shrunk with --oversize shrink")
    func oversize() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = CommandRunner.shared.appendingPathComponent("fixtures/books/Jobs_ladeado.jpg")
        let refused = try await CommandRunner.run([
            "process", photo.path, "--output", folder.path, "--model", "u2netp", "--models-dir", models,
            "--max-side", "2000", "--json",
        ])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("dimensions_too_large"))
        let shrunk = try await CommandRunner.run([
            "process", photo.path, "--output", folder.path, "--model", "u2netp", "--models-dir", models,
            "--max-side", "2000", "--oversize", "shrink", "--json",
        ])
        #expect(shrunk.status == 0, "\(shrunk.standardError)")
        let report = try JSONDecoder().decode(PhotoReport.self, from: Data(shrunk.standardOutput.utf8))
        #expect(report.shrunk == true && max(report.width ?? 0, report.height ?? 0) == 2000)
    }
}

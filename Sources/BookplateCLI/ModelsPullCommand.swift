import ArgumentParser
import Foundation
import ImagePipeline

/// `bookplate models pull NAME`: downloads a model with a checksum check and an atomic rename.
struct ModelsPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Download a model into the models folder and check its checksum.")

    @OptionGroup var models: ModelOptions
    @Argument(help: "The model to download.") var name: String
    @Option(help: "Download from this URL instead of the registry's.") var url: String?

    func run() async throws {
        do {
            let result = try await ModelStore(directory: models.directory).pull(name, from: url)
            print("\(result.name): ok sha256:\(result.sha256 ?? "")")
        } catch {
            FileHandle.standardError.write(Data("bookplate: \(error.code): \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

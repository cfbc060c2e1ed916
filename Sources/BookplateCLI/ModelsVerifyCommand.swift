import ArgumentParser
import Foundation
import ImagePipeline

/// `bookplate models verify`: checks present model files against the registry's checksums.
struct ModelsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check model files against their checksums; exits 1 on a mismatch.")

    @OptionGroup var models: ModelOptions
    @Argument(help: "Models to check (default: all).") var names: [String] = []
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        let results: [ModelStore.Verification]
        do {
            results = try ModelStore(directory: models.directory).verify(names)
        } catch {
            throw ValidationError(error.description)
        }
        if json {
            print(try JSONLines.encode(results))
        } else {
            for result in results {
                print("\(result.name.padded(22)) \(result.status.padded(9)) \(result.sha256.map { "sha256:\($0)" } ?? "")")
            }
        }
        let absentButNamed = !names.isEmpty && results.contains { $0.status == "absent" }
        if results.contains(where: { $0.status == "mismatch" }) || absentButNamed {
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import ImagePipeline

/// `bookplate models list`: every registry model and whether its file is present.
struct ModelsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the known models.")

    @OptionGroup var models: ModelOptions
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let listing = ModelStore(directory: models.directory).list()
        if json {
            print(try JSONLines.encode(listing))
            return
        }
        print("NAME                   FAMILY    INPUT  PRESENT  BYTES")
        for entry in listing {
            let bytes = entry.bytes.map(String.init) ?? "-"
            print(
                entry.name.padded(22), entry.family.rawValue.padded(9), String(entry.inputSide).padded(6),
                (entry.present ? "yes" : "no").padded(8), bytes)
        }
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

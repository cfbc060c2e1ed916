import Foundation

/// The profiles of a shared credentials or config file: INI sections of `key = value` properties.
///
/// In the credentials file a section `[name]` is the profile `name`; in the config file profiles are
/// `[profile name]`, plus `[default]`, and other sections (`[sso-session …]`, `[services …]`) are skipped.
/// Lines starting with `#` or `;` are comments, as is the rest of a line after whitespace and `#` or `;`.
/// Indented lines (sub-properties such as those under `s3 =`) are skipped.
struct AWSProfileFile: Sendable {
    /// Which of the two shared files the text came from; they name profile sections differently.
    enum Kind: Sendable {
        case credentials
        case config
    }

    private var profiles: [String: [String: String]] = [:]

    /// Parses the text of a file of `kind`.
    init(parsing text: String, kind: Kind) {
        var currentProfile: String?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if let first = rawLine.first, first == " " || first == "\t" { continue }
            let line = Self.strippingComment(from: rawLine).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    currentProfile = nil
                    continue
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                currentProfile = Self.profileName(ofSection: name, kind: kind)
                continue
            }
            guard let profile = currentProfile, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            profiles[profile, default: [:]][key] = value
        }
    }

    /// Reads and parses the file at `path`, or returns `nil` when there is no such file.
    static func load(path: String, kind: Kind) throws -> AWSProfileFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return AWSProfileFile(parsing: try String(contentsOfFile: path, encoding: .utf8), kind: kind)
    }

    /// The properties of profile `name`, or `nil` when the file has no such profile.
    func properties(ofProfile name: String) -> [String: String]? {
        profiles[name]
    }

    /// The profile a section header names, or `nil` when the section is not a profile.
    private static func profileName(ofSection section: String, kind: Kind) -> String? {
        switch kind {
        case .credentials:
            return section.isEmpty ? nil : section
        case .config:
            if section == "default" { return section }
            let words = section.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard words.count == 2, words[0] == "profile" else { return nil }
            return words[1].trimmingCharacters(in: .whitespaces)
        }
    }

    /// The line up to a `#` or `;` that starts it or follows whitespace.
    private static func strippingComment(from line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if (character == "#" || character == ";"), previous == " " || previous == "\t" {
                return line[..<index]
            }
            previous = character
        }
        return line
    }
}

import Configuration
import Foundation
import SystemPackage

/// Builds the configuration hierarchy: values given on the command line (parsed like environment values, so
/// numbers and lists read the same way), then `BOOKPLATE_*` environment
/// variables, then the JSON config file (`--config` or `BOOKPLATE_CONFIG_FILE`), then each setting's default.
public enum ConfigurationSources {
    /// A reader over the hierarchy; `overrides` maps dotted keys (`http.port`) to command-line values.
    public static func reader(overrides: [String: String], environment: [String: String]) async throws -> ConfigReader {
        let commandLine = Dictionary(
            overrides.map { key, value in (key.replacingOccurrences(of: ".", with: "_").uppercased(), value) }
        ) { first, _ in first }
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: commandLine),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "bookplate"),
        ]
        if let path = overrides["config"] ?? environment["BOOKPLATE_CONFIG_FILE"] {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path)))
        }
        return ConfigReader(providers: providers)
    }
}

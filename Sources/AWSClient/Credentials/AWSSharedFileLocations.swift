import Foundation

/// Where the shared credentials and config files are and which profile to read, as the AWS CLI decides it.
struct AWSSharedFileLocations: Sendable {
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    let credentialsFile: String
    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    let configFile: String
    /// `AWS_PROFILE`, else `default`.
    let profile: String

    /// The locations `environment` points at; `~` means `HOME`, or the user's home directory without it.
    init(environment: [String: String]) {
        let home = environment.nonEmptyValue(for: "HOME") ?? NSHomeDirectory()
        func expanded(_ path: String) -> String {
            guard path == "~" || path.hasPrefix("~/") else { return path }
            return home + path.dropFirst()
        }
        credentialsFile = expanded(
            environment.nonEmptyValue(for: "AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
        configFile = expanded(environment.nonEmptyValue(for: "AWS_CONFIG_FILE") ?? "~/.aws/config")
        profile = environment.nonEmptyValue(for: "AWS_PROFILE") ?? "default"
    }
}

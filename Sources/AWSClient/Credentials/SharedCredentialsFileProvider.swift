import Foundation

/// Reads static credentials from a profile of the shared credentials file (`~/.aws/credentials`).
///
/// The file is `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`; the profile is the one given, else
/// `AWS_PROFILE`, else `default`. The profile must hold `aws_access_key_id` and `aws_secret_access_key`, and
/// may hold `aws_session_token`. Role, SSO and process profiles are not supported.
public struct SharedCredentialsFileProvider: AWSCredentialsProvider {
    /// The path of the file read.
    public let filePath: String
    /// The profile read.
    public let profile: String

    /// A provider for `profile` (or the environment's choice) in the file `environment` points at.
    public init(profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let locations = AWSSharedFileLocations(environment: environment)
        filePath = locations.credentialsFile
        self.profile = profile ?? locations.profile
    }

    /// The name this source has in errors: the file and the profile.
    public var sourceName: String { "shared credentials file \(filePath) (profile '\(profile)')" }

    /// The credentials of the profile; the file is read on every call.
    public func credentials() async throws -> AWSCredentials {
        let file: AWSProfileFile?
        do {
            file = try AWSProfileFile.load(path: filePath, kind: .credentials)
        } catch {
            throw AWSCredentialsError.invalid(source: sourceName, reason: "cannot read the file: \(error)")
        }
        guard let file else {
            throw AWSCredentialsError.notConfigured(source: sourceName, reason: "the file does not exist")
        }
        guard let properties = file.properties(ofProfile: profile) else {
            throw AWSCredentialsError.notConfigured(source: sourceName, reason: "the file has no such profile")
        }
        guard let accessKeyID = properties.nonEmptyValue(for: "aws_access_key_id"),
            let secretAccessKey = properties.nonEmptyValue(for: "aws_secret_access_key")
        else {
            throw AWSCredentialsError.invalid(
                source: sourceName, reason: "the profile lacks aws_access_key_id or aws_secret_access_key")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID,
            secretAccessKey: secretAccessKey,
            sessionToken: properties.nonEmptyValue(for: "aws_session_token")
        )
    }
}

import Foundation

/// Reads credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialsProvider: AWSCredentialsProvider {
    /// The name this source has in errors.
    public static let sourceName = "environment variables"

    private let environment: [String: String]

    /// A provider reading `environment`, by default the process environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The credentials the variables hold; an empty variable counts as unset.
    public func credentials() async throws -> AWSCredentials {
        let accessKeyID = environment.nonEmptyValue(for: "AWS_ACCESS_KEY_ID")
        let secretAccessKey = environment.nonEmptyValue(for: "AWS_SECRET_ACCESS_KEY")
        switch (accessKeyID, secretAccessKey) {
        case (let accessKeyID?, let secretAccessKey?):
            return AWSCredentials(
                accessKeyID: accessKeyID,
                secretAccessKey: secretAccessKey,
                sessionToken: environment.nonEmptyValue(for: "AWS_SESSION_TOKEN")
            )
        case (nil, nil):
            throw AWSCredentialsError.notConfigured(
                source: Self.sourceName, reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (nil, _):
            throw AWSCredentialsError.invalid(
                source: Self.sourceName, reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil):
            throw AWSCredentialsError.invalid(
                source: Self.sourceName, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }
}

/// Credentials given once, for example by a test or a configuration file.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    /// The credentials handed out.
    public let fixed: AWSCredentials

    /// A provider that always hands out `credentials`.
    public init(_ credentials: AWSCredentials) {
        fixed = credentials
    }

    /// The fixed credentials.
    public func credentials() async throws -> AWSCredentials { fixed }
}

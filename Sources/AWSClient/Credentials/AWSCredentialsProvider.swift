/// A source of AWS credentials: the environment, the shared credentials file, the container endpoint, or a chain.
public protocol AWSCredentialsProvider: Sendable {
    /// Returns credentials, or throws an ``AWSCredentialsError`` that names this source and says why it has none.
    func credentials() async throws -> AWSCredentials
}

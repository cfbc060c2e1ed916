import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches temporary credentials from the ECS / EKS container credentials endpoint.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` says where it is; `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` gives the `Authorization` value. Each call makes one request, bounded by
/// the timeout (the HTTP client keeps retrying a refused connection until then); wrap the provider in
/// ``CachingCredentialsProvider`` to reuse credentials until shortly before they expire.
public struct ContainerCredentialsProvider: AWSCredentialsProvider {
    /// How long a request may take by default.
    public static let defaultTimeout: Duration = .seconds(5)
    /// The largest answer accepted.
    static let maximumBodySize = 64 * 1024

    private let environment: [String: String]
    private let httpClient: HTTPClient
    private let timeout: Duration

    /// A provider configured by `environment`, using `httpClient`, giving up on a request after `timeout`.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = .shared,
        timeout: Duration = ContainerCredentialsProvider.defaultTimeout
    ) {
        self.environment = environment
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Asks the endpoint for credentials.
    public func credentials() async throws -> AWSCredentials {
        let endpoint = try ContainerCredentialsEndpoint(environment: environment)
        let source = "\(ContainerCredentialsEndpoint.sourceName) \(endpoint.url)"
        var request = HTTPClientRequest(url: endpoint.url)
        request.headers.add(name: "Accept", value: "application/json")
        if let token = endpoint.authorizationToken {
            request.headers.add(name: "Authorization", value: token)
        }
        let body: ByteBuffer
        let status: UInt
        do {
            let end = ContinuousClock.now + timeout
            let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            status = response.status.code
            body = try await response.body.collect(upTo: Self.maximumBodySize, by: end)
        } catch {
            throw AWSCredentialsError.requestFailed(source: source, reason: "the request failed: \(error)")
        }
        guard (200..<300).contains(status) else {
            throw AWSCredentialsError.requestFailed(
                source: source, reason: "HTTP \(status): \(String(buffer: body).prefix(200))")
        }
        return try ContainerCredentialsResponse.credentials(decoding: Data(body.readableBytesView), source: source)
    }
}

import AsyncHTTPClient
import Foundation

extension AWSCredentialsProviderChain {
    /// The usual chain, cached: environment variables, then the shared credentials file, then the container
    /// credentials endpoint. `environment` configures all three; `profile` overrides `AWS_PROFILE`.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profile: String? = nil,
        httpClient: HTTPClient = .shared,
        endpointTimeout: Duration = ContainerCredentialsProvider.defaultTimeout
    ) -> CachingCredentialsProvider {
        let chain = AWSCredentialsProviderChain([
            EnvironmentCredentialsProvider(environment: environment),
            SharedCredentialsFileProvider(profile: profile, environment: environment),
            ContainerCredentialsProvider(environment: environment, httpClient: httpClient, timeout: endpointTimeout),
        ])
        return CachingCredentialsProvider(wrapping: chain)
    }
}

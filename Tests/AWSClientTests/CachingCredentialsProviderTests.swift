import AWSClient
import Foundation
import Testing

@Suite("Caching and refreshing credentials")
struct CachingCredentialsProviderTests {
    /// A caching provider in front of the stub's endpoint.
    static func provider(for stub: ContainerEndpointStub) -> CachingCredentialsProvider {
        CachingCredentialsProvider(
            wrapping: ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url]))
    }

    @Test("credentials far from expiry are reused")
    func reused() async throws {
        try await ContainerEndpointStub.withStub(answer: .credentials(expiration: Date() + 3600)) { stub async throws in
            let provider = Self.provider(for: stub)
            #expect(try await provider.credentials().sessionToken == "token-1")
            #expect(try await provider.credentials().sessionToken == "token-1")
            #expect(stub.requestCount == 1)
        }
    }

    @Test("credentials expiring within five minutes are refreshed on next use")
    func refreshedBeforeExpiry() async throws {
        try await ContainerEndpointStub.withStub(answer: .credentials(expiration: Date() + 60)) { stub async throws in
            let provider = Self.provider(for: stub)
            #expect(try await provider.credentials().sessionToken == "token-1")
            #expect(try await provider.credentials().sessionToken == "token-2")
            #expect(stub.requestCount == 2)
        }
    }

    @Test("concurrent callers share one refresh")
    func concurrentCallersShareOneFetch() async throws {
        // Valid for an hour, past the refresh margin: a caller that reaches the provider after the shared fetch
        // has ended gets the cached credentials, however the 20 tasks happen to be scheduled.
        let valid = ContainerEndpointStub.Answer.credentials(expiration: Date() + 3600)
        try await ContainerEndpointStub.withStub(answer: valid, delay: .milliseconds(300)) { stub async throws in
            let provider = Self.provider(for: stub)
            let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await provider.credentials().sessionToken }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(tokens == Array(repeating: "token-1", count: 20))
            #expect(stub.requestCount == 1)
        }
    }

    @Test("a failed refresh falls back to credentials that have not yet expired")
    func failedRefreshKeepsValidCredentials() async throws {
        try await ContainerEndpointStub.withStub(answer: .credentials(expiration: Date() + 60)) { stub async throws in
            let provider = Self.provider(for: stub)
            #expect(try await provider.credentials().sessionToken == "token-1")
            stub.answer(with: .status(500))
            #expect(try await provider.credentials().sessionToken == "token-1")
            #expect(stub.requestCount == 2)
        }
    }

    @Test("a failed refresh of expired credentials throws")
    func failedRefreshOfExpiredCredentials() async throws {
        try await ContainerEndpointStub.withStub(answer: .credentials(expiration: Date() - 10)) { stub async throws in
            let provider = Self.provider(for: stub)
            #expect(try await provider.credentials().sessionToken == "token-1")
            stub.answer(with: .status(503))
            await #expect(throws: AWSCredentialsError.self) {
                try await provider.credentials()
            }
        }
    }
}

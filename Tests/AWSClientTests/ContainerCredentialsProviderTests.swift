import AWSClient
import Foundation
import Testing

@Suite("Container credentials endpoint")
struct ContainerCredentialsProviderTests {
    /// A whole second, so the ISO 8601 text the stub sends round-trips exactly.
    static let expiration = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3600).rounded(.down))
    static let answer = ContainerEndpointStub.Answer.credentials(expiration: expiration)

    @Test("fetches credentials, sending the authorization token")
    func fetchesWithToken() async throws {
        try await ContainerEndpointStub.withStub(answer: Self.answer, expectedToken: "tok-123") { stub async throws in
            let provider = ContainerCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok-123",
            ])
            let credentials = try await provider.credentials()
            #expect(
                credentials
                    == AWSCredentials(
                        accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token-1",
                        expiration: Self.expiration))
            #expect(stub.requestCount == 1)
        }
    }

    @Test("the token file wins over the token variable")
    func tokenFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenPath = try directory.write("file-token\n", to: "token")
        try await ContainerEndpointStub.withStub(answer: Self.answer, expectedToken: "file-token") {
            stub async throws in
            let provider = ContainerCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "variable-token",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenPath,
            ])
            #expect(try await provider.credentials().sessionToken == "token-1")
        }
    }

    @Test("a wrong token or an error status fails with the HTTP status", arguments: [nil, "wrong"] as [String?])
    func rejected(token: String?) async throws {
        try await ContainerEndpointStub.withStub(answer: Self.answer, expectedToken: "right") { stub async throws in
            var environment = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url]
            environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = token
            let error = await #expect(throws: AWSCredentialsError.self) {
                try await ContainerCredentialsProvider(environment: environment).credentials()
            }
            guard case .requestFailed(let source, let reason) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(source == "container credentials endpoint \(stub.url)")
            #expect(reason.hasPrefix("HTTP 401"))
        }
    }

    @Test("an endpoint that is down gives a clear error")
    func endpointDown() async throws {
        let url = try await ContainerEndpointStub.withStub(answer: .status(500)) { $0.url }
        let provider = ContainerCredentialsProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url], timeout: .seconds(1))
        let error = await #expect(throws: AWSCredentialsError.self) {
            try await provider.credentials()
        }
        guard case .requestFailed(let source, let reason) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(source == "container credentials endpoint \(url)")
        #expect(reason.hasPrefix("the request failed"))
    }

    @Test("an endpoint that never answers times out")
    func timeout() async throws {
        try await ContainerEndpointStub.withStub(answer: .silence) { stub async throws in
            let provider = ContainerCredentialsProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url], timeout: .milliseconds(300))
            let started = ContinuousClock.now
            await #expect(throws: AWSCredentialsError.self) {
                try await provider.credentials()
            }
            #expect(ContinuousClock.now - started < .seconds(20), "it gives up rather than waiting for an answer")
            #expect(stub.requestCount == 1)
        }
    }

    @Test("an endpoint whose answer stops after its head times out too", .timeLimit(.minutes(1)))
    func stalledBody() async throws {
        let peer = try PacedPeer(.stalledSender(bytes: 4096))
        defer { peer.stop() }
        let provider = ContainerCredentialsProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:\(peer.port)/v2/credentials"],
            timeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect {
            try await provider.credentials()
        } throws: { error in
            "\(error)".contains("did not arrive")
        }
        #expect(ContinuousClock.now - started < .seconds(20), "it gives up rather than waiting for the rest")
    }

    @Test("without the variables the source is not configured; plain HTTP to a remote host is refused")
    func configuration() async {
        await #expect(
            throws: AWSCredentialsError.notConfigured(
                source: "container credentials endpoint",
                reason: "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
        ) {
            try await ContainerCredentialsProvider(environment: [:]).credentials()
        }
        let error = await #expect(throws: AWSCredentialsError.self) {
            try await ContainerCredentialsProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]
            ).credentials()
        }
        guard case .invalid = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }
}

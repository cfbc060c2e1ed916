import Testing

@testable import AWSClient

@Suite("Container endpoint configuration")
struct ContainerCredentialsEndpointTests {
    @Test("the relative URI goes to the ECS address and wins over the full URI")
    func relativeURI() throws {
        let endpoint = try ContainerCredentialsEndpoint(environment: [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/ignored",
        ])
        #expect(endpoint.url == "http://169.254.170.2/v2/credentials/abc")
        #expect(endpoint.authorizationToken == nil)
    }

    @Test("full URIs: HTTPS anywhere, HTTP only to loopback and the ECS/EKS hosts", arguments: [
        ("https://creds.example.com/x", true),
        ("http://127.0.0.1:8080/x", true),
        ("http://localhost/x", true),
        ("http://[::1]:9/x", true),
        ("http://169.254.170.23/v1/credentials", true),
        ("http://[fd00:ec2::23]/v1/credentials", true),
        ("http://10.0.0.1/x", false),
        ("http://127.example.com/x", false),
        ("ftp://127.0.0.1/x", false),
        ("not a url", false),
    ])
    func fullURI(url: String, accepted: Bool) {
        let endpoint = try? ContainerCredentialsEndpoint(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url])
        #expect((endpoint?.url == url) == accepted)
    }

    @Test("a token with a line break is refused")
    func tokenWithLineBreak() {
        #expect(throws: AWSCredentialsError.self) {
            try ContainerCredentialsEndpoint(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/x",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nX-Injected: 1",
            ])
        }
    }

    @Test("expirations with and without fractional seconds parse")
    func expirationFormats() {
        let whole = ContainerCredentialsResponse.parseISO8601("2024-05-01T12:00:00Z")
        let fractional = ContainerCredentialsResponse.parseISO8601("2024-05-01T12:00:00.500Z")
        #expect(whole?.timeIntervalSince1970 == 1_714_564_800)
        #expect(fractional?.timeIntervalSince1970 == 1_714_564_800.5)
        #expect(ContainerCredentialsResponse.parseISO8601("tomorrow") == nil)
    }
}

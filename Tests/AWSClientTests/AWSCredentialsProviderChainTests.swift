import AWSClient
import Foundation
import Testing

@Suite("Credentials chain")
struct AWSCredentialsProviderChainTests {
    static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]
    static let credentialsFile = "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n"

    @Test("environment variables win over the credentials file")
    func environmentFirst() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.credentialsFile, to: ".aws/credentials")
        let environment = Self.environmentKeys.merging(["HOME": directory.path]) { $1 }

        let provider = AWSCredentialsProviderChain.standard(environment: environment)
        #expect(try await provider.credentials().accessKeyID == "AKIDENV")
    }

    @Test("the credentials file is used when the environment has no keys")
    func fileSecond() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.credentialsFile, to: ".aws/credentials")

        let provider = AWSCredentialsProviderChain.standard(environment: ["HOME": directory.path])
        #expect(try await provider.credentials().accessKeyID == "AKIDFILE")
    }

    @Test("the container endpoint is used last")
    func containerLast() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ContainerEndpointStub.withStub(answer: .credentials(expiration: Date() + 3600)) { stub async throws in
            let provider = AWSCredentialsProviderChain.standard(environment: [
                "HOME": directory.path, "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url,
            ])
            #expect(try await provider.credentials().accessKeyID == "ASIAEXAMPLE")
            #expect(try await provider.credentials().accessKeyID == "ASIAEXAMPLE")
            #expect(stub.requestCount == 1)
        }
    }

    @Test("when every source fails the error lists each one")
    func everySourceFails() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let chain = AWSCredentialsProviderChain([
            EnvironmentCredentialsProvider(environment: ["HOME": directory.path]),
            SharedCredentialsFileProvider(environment: ["HOME": directory.path]),
            ContainerCredentialsProvider(environment: ["HOME": directory.path]),
        ])
        let error = await #expect(throws: AWSCredentialsError.self) {
            try await chain.credentials()
        }
        guard case .noSourceSucceeded(let failures) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(failures.count == 3)
        let description = String(describing: error!)
        #expect(description.hasPrefix("no AWS credentials found; tried environment variables: "))
        #expect(
            description.contains(
                "; shared credentials file \(directory.path)/.aws/credentials (profile 'default'): "
                    + "the file does not exist"))
        #expect(
            description.contains("; container credentials endpoint: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
    }
}

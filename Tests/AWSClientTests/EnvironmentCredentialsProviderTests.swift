import AWSClient
import Testing

@Suite("Environment credentials")
struct EnvironmentCredentialsProviderTests {
    @Test("reads the key pair and the session token")
    func readsVariables() async throws {
        let provider = EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
        ])
        let credentials = try await provider.credentials()
        let expected = AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken")
        #expect(credentials == expected)
    }

    @Test("without variables the source is not configured; empty ones count as unset")
    func unset() async {
        for environment in [[:], ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": " "]] {
            await #expect(
                throws: AWSCredentialsError.notConfigured(
                    source: "environment variables", reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
            ) {
                try await EnvironmentCredentialsProvider(environment: environment).credentials()
            }
        }
    }

    @Test("a key id without its secret is invalid")
    func halfConfigured() async {
        await #expect(
            throws: AWSCredentialsError.invalid(
                source: "environment variables", reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        ) {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID"]).credentials()
        }
    }
}

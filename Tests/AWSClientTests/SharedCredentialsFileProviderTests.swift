import AWSClient
import Testing

@Suite("Shared credentials file")
struct SharedCredentialsFileProviderTests {
    static let credentialsFile = """
        # comment line
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultsecret ; trailing comment

        [work]
        aws_access_key_id=AKIDWORK
        aws_secret_access_key=worksecret
        aws_session_token = worktoken
        s3 =
          max_concurrent_requests = 20

        [role-only]
        role_arn = arn:aws:iam::123456789012:role/x
        """

    @Test("AWS_SHARED_CREDENTIALS_FILE and the default profile")
    func defaultProfile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(Self.credentialsFile, to: "creds.ini")

        let provider = SharedCredentialsFileProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": path])
        #expect(provider.profile == "default")
        #expect(
            try await provider.credentials()
                == AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "defaultsecret"))
    }

    @Test("AWS_PROFILE picks a profile, an explicit profile overrides it, and ~/.aws/credentials is the default path")
    func namedProfile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.credentialsFile, to: ".aws/credentials")
        let environment = ["HOME": directory.path, "AWS_PROFILE": "work"]

        let fromEnvironment = SharedCredentialsFileProvider(environment: environment)
        #expect(fromEnvironment.filePath == directory.path + "/.aws/credentials")
        #expect(
            try await fromEnvironment.credentials()
                == AWSCredentials(accessKeyID: "AKIDWORK", secretAccessKey: "worksecret", sessionToken: "worktoken"))

        let explicit = SharedCredentialsFileProvider(profile: "default", environment: environment)
        #expect(try await explicit.credentials().accessKeyID == "AKIDDEFAULT")
    }

    @Test("a missing file or profile is not configured; a profile without keys is invalid")
    func failures() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(Self.credentialsFile, to: "credentials")
        let missingPath = directory.path + "/absent"

        await #expect(
            throws: AWSCredentialsError.notConfigured(
                source: "shared credentials file \(missingPath) (profile 'default')", reason: "the file does not exist")
        ) {
            try await SharedCredentialsFileProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": missingPath])
                .credentials()
        }
        await #expect(
            throws: AWSCredentialsError.notConfigured(
                source: "shared credentials file \(path) (profile 'nope')", reason: "the file has no such profile")
        ) {
            try await SharedCredentialsFileProvider(profile: "nope", environment: ["AWS_SHARED_CREDENTIALS_FILE": path])
                .credentials()
        }
        await #expect(
            throws: AWSCredentialsError.invalid(
                source: "shared credentials file \(path) (profile 'role-only')",
                reason: "the profile lacks aws_access_key_id or aws_secret_access_key")
        ) {
            try await SharedCredentialsFileProvider(
                profile: "role-only", environment: ["AWS_SHARED_CREDENTIALS_FILE": path]
            ).credentials()
        }
    }
}

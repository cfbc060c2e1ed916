import AWSClient
import Testing

@Suite("Region resolution")
struct AWSRegionResolverTests {
    static let configFile = """
        [default]
        region = eu-central-1

        [profile work]
        region = ap-southeast-2

        [sso-session corp]
        region = us-west-1
        """

    @Test("configuration, then AWS_REGION, then AWS_DEFAULT_REGION")
    func order() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let base = ["HOME": directory.path]

        #expect(
            AWSRegionResolver.region(
                configured: "us-west-2",
                environment: base.merging(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"]) { $1 }
            ) == "us-west-2")
        #expect(
            AWSRegionResolver.region(
                configured: " ",
                environment: base.merging(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"]) { $1 }
            ) == "eu-west-1")
        let defaultRegionOnly = base.merging(["AWS_DEFAULT_REGION": "eu-west-2"]) { $1 }
        #expect(AWSRegionResolver.region(configured: nil, environment: defaultRegionOnly) == "eu-west-2")
        #expect(AWSRegionResolver.region(configured: nil, environment: base) == nil)
    }

    @Test("the profile's region in ~/.aws/config comes last")
    func configFileRegion() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.configFile, to: ".aws/config")
        let base = ["HOME": directory.path]

        #expect(AWSRegionResolver.region(configured: nil, environment: base) == "eu-central-1")
        let workProfile = base.merging(["AWS_PROFILE": "work"]) { $1 }
        #expect(AWSRegionResolver.region(configured: nil, environment: workProfile) == "ap-southeast-2")
        #expect(AWSRegionResolver.region(configured: nil, environment: base, profile: "corp") == nil)

        let elsewhere = try directory.write("[profile other]\nregion = sa-east-1\n", to: "custom-config")
        #expect(
            AWSRegionResolver.region(configured: nil, environment: ["AWS_CONFIG_FILE": elsewhere], profile: "other")
                == "sa-east-1")
    }
}

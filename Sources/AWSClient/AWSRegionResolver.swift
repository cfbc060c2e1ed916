import Foundation

/// Finds the AWS region to use the way the AWS SDKs do.
public enum AWSRegionResolver {
    /// The first region set among: `configured`, `AWS_REGION`, `AWS_DEFAULT_REGION`, and `region` in the
    /// profile (`profile`, else `AWS_PROFILE`, else `default`) of the config file (`AWS_CONFIG_FILE`, else
    /// `~/.aws/config`); `nil` when none is. Blank values count as unset, and an unreadable config file as absent.
    public static func region(
        configured: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profile: String? = nil
    ) -> String? {
        if let configured, !configured.allSatisfy(\.isWhitespace) { return configured }
        if let region = environment.nonEmptyValue(for: "AWS_REGION") { return region }
        if let region = environment.nonEmptyValue(for: "AWS_DEFAULT_REGION") { return region }
        let locations = AWSSharedFileLocations(environment: environment)
        let config = try? AWSProfileFile.load(path: locations.configFile, kind: .config)
        return config?.properties(ofProfile: profile ?? locations.profile)?.nonEmptyValue(for: "region")
    }
}

import Foundation

/// The URL and authorization token of the container credentials endpoint, as the environment configures it.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is appended to `http://169.254.170.2` (ECS); otherwise
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` is used as is, but over plain HTTP only to a loopback address or to the
/// ECS and EKS Pod Identity link-local hosts. The token comes from the file `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
/// names, else from `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
struct ContainerCredentialsEndpoint: Sendable {
    /// The name the container source has in errors.
    static let sourceName = "container credentials endpoint"
    /// The address ECS serves task credentials on.
    static let ecsBaseURL = "http://169.254.170.2"
    /// Hosts that may be reached over plain HTTP besides loopback ones: ECS and EKS Pod Identity.
    static let allowedPlainHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]

    /// The URL to `GET`.
    let url: String
    /// The value to send as `Authorization`, if any.
    let authorizationToken: String?

    /// The endpoint `environment` configures; throws `notConfigured` when it configures none.
    init(environment: [String: String]) throws(AWSCredentialsError) {
        if let relative = environment.nonEmptyValue(for: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = Self.ecsBaseURL + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment.nonEmptyValue(for: "AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            try Self.checkFullURI(full)
            url = full
        } else {
            throw .notConfigured(
                source: Self.sourceName,
                reason: "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
        }
        authorizationToken = try Self.token(environment: environment)
    }

    /// Accepts HTTPS anywhere, and HTTP only to loopback or the ECS/EKS hosts.
    private static func checkFullURI(_ full: String) throws(AWSCredentialsError) {
        let parsed: RequestURL
        do {
            parsed = try RequestURL(parsing: full)
        } catch {
            throw .invalid(source: sourceName, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' is not a URL")
        }
        switch parsed.scheme {
        case "https":
            return
        case "http" where isLoopback(parsed.host) || allowedPlainHTTPHosts.contains(parsed.host):
            return
        default:
            throw .invalid(
                source: sourceName,
                reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' must use https, "
                    + "or http to a loopback, ECS or EKS host")
        }
    }

    /// Whether `host` is `localhost`, an address in 127.0.0.0/8, or `::1`.
    private static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The token from the token file, else from the variable; a token with a line break is refused.
    private static func token(environment: [String: String]) throws(AWSCredentialsError) -> String? {
        let token: String?
        if let path = environment.nonEmptyValue(for: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            do {
                token = try String(contentsOfFile: path, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw .invalid(
                    source: sourceName, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path): \(error)")
            }
        } else {
            token = environment.nonEmptyValue(for: "AWS_CONTAINER_AUTHORIZATION_TOKEN")
        }
        if let token, token.contains(where: \.isNewline) {
            throw .invalid(source: sourceName, reason: "the authorization token contains a line break")
        }
        return token
    }
}

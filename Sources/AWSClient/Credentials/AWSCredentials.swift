import Foundation

/// An AWS access key pair, plus the session token and expiry that temporary credentials carry.
public struct AWSCredentials: Sendable, Hashable {
    /// The access key id, e.g. `AKIAIOSFODNN7EXAMPLE`; it appears in every signature's credential scope.
    public var accessKeyID: String
    /// The secret access key; it never leaves this process and is left out of `description`.
    public var secretAccessKey: String
    /// The session token of temporary credentials, sent as `x-amz-security-token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether these credentials expire less than `margin` from `now`; long-term keys never do.
    public func expires(within margin: Duration, from now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) < margin.timeInterval
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Names the key id and whether a token and expiry are present, never the secret or the token.
    public var description: String {
        var parts = ["accessKeyID: \(accessKeyID)", "secretAccessKey: <redacted>"]
        if sessionToken != nil { parts.append("sessionToken: <redacted>") }
        if let expiration { parts.append("expiration: \(expiration)") }
        return "AWSCredentials(\(parts.joined(separator: ", ")))"
    }

    /// The same redacted text as `description`, so debug output cannot leak the secret either.
    public var debugDescription: String { description }
}

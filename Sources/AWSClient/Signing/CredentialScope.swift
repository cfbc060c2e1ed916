import Crypto
import Foundation

/// The `day/region/service/aws4_request` scope a signature is valid for, and the key derived for it.
struct CredentialScope: Sendable {
    let day: String
    let region: String
    let service: String

    /// The scope as it appears in `Credential=` and in the string to sign.
    var text: String { "\(day)/\(region)/\(service)/aws4_request" }

    /// The signing key: HMAC-SHA256 of day, region, service and `aws4_request` in turn, starting from `AWS4` + secret.
    func signingKey(secretAccessKey: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }
}

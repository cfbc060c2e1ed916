import Crypto
import Foundation

/// The six-line canonical request of SigV4 and the string to sign built from it.
struct CanonicalRequest: Sendable {
    let method: String
    let path: String
    let query: CanonicalQuery
    let headers: CanonicalHeaders
    let payloadHash: String

    /// Method, canonical URI, canonical query, headers block, signed headers and payload hash, one per line.
    var text: String {
        [method, path, query.text, headers.block, headers.signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// `AWS4-HMAC-SHA256`, the timestamp, the scope and the hex SHA-256 of the canonical request, one per line.
    func stringToSign(timestamp: SigV4Timestamp, scope: CredentialScope) -> String {
        let digest = SHA256.hash(data: Data(text.utf8)).hexEncoded
        return [SigV4Signer.algorithm, timestamp.dateTime, scope.text, digest].joined(separator: "\n")
    }
}

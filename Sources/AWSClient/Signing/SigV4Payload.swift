import Foundation
import Crypto

/// What the last line of a canonical request says about the body: its SHA-256, or that it is not signed.
public enum SigV4Payload: Sendable, Hashable {
    /// The lower-case hex SHA-256 of the body.
    case sha256(hex: String)
    /// The literal `UNSIGNED-PAYLOAD`: the body is not covered by the signature. S3 alone accepts it.
    case unsigned

    /// The payload of a request without a body.
    public static let emptyBody: SigV4Payload = .hashing([UInt8]())

    /// The payload that covers `body`.
    public static func hashing(_ body: some DataProtocol) -> SigV4Payload {
        .sha256(hex: SHA256.hash(data: body).hexEncoded)
    }

    /// The text that goes into the canonical request and the `x-amz-content-sha256` header.
    public var hashLine: String {
        switch self {
        case .sha256(let hex): hex
        case .unsigned: "UNSIGNED-PAYLOAD"
        }
    }
}

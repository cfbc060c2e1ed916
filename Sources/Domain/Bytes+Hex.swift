import Crypto
import Foundation

extension Sequence<UInt8> {
    /// The bytes in lower-case hex, two digits each: how digests and tokens are written.
    public var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension Digest {
    /// The digest in lower-case hex.
    public var hex: String { Array(self).hex }
}

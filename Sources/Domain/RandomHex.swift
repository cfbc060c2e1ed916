/// Secrets from the system's cryptographic random source, written in hex.
public enum RandomHex {
    /// `count` random bytes in lower-case hex (twice as many digits).
    public static func make(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }.hex
    }
}

/// Why no credentials came from a source, or from any source of a chain.
public enum AWSCredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The source holds nothing: variables unset, file or profile absent, endpoint not configured.
    case notConfigured(source: String, reason: String)
    /// The source is configured but what it holds cannot be used (a key without its secret, bad JSON, …).
    case invalid(source: String, reason: String)
    /// The source could not be reached in time, or answered with an error.
    case requestFailed(source: String, reason: String)
    /// Every source of a chain failed; each one's error, in the order they were tried.
    case noSourceSucceeded([AWSCredentialsError])

    /// A sentence naming the source (or every source tried) and the reason.
    public var description: String {
        switch self {
        case .notConfigured(let source, let reason), .invalid(let source, let reason),
            .requestFailed(let source, let reason):
            "\(source): \(reason)"
        case .noSourceSucceeded(let failures):
            "no AWS credentials found; tried "
                + (failures.isEmpty ? "no sources" : failures.map(\.description).joined(separator: "; "))
        }
    }
}

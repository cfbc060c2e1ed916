/// Why a request to an AWS service failed, after its retries.
public enum AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer: the connection failed or the try timed out, every time.
    case unreachable(String)
    /// The service answered with an error it will not change its mind about (or still did after every retry).
    case service(status: Int, code: String, message: String)
    /// No credentials could be had.
    case credentials(String)
    /// The request could not be built or signed.
    case invalidRequest(String)

    /// The service's error code, e.g. `NoSuchBucket` or `QueueDoesNotExist`; nil for errors without an answer.
    public var code: String? {
        if case .service(_, let code, _) = self { return code }
        return nil
    }

    /// A sentence for logs and error bodies.
    public var description: String {
        switch self {
        case .unreachable(let detail): "no answer: \(detail)"
        case .service(let status, let code, let message): "\(status) \(code): \(message)"
        case .credentials(let detail): "no AWS credentials: \(detail)"
        case .invalidRequest(let detail): "cannot build the request: \(detail)"
        }
    }
}

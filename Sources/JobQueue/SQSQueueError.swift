/// Why an SQS queue could not be set up or used.
public enum SQSQueueError: Error, Sendable, CustomStringConvertible {
    /// The queue URL is not `scheme://host/account/name`.
    case invalidQueueURL(String)
    /// Some entries of a batch were refused twice.
    case batchPartlyRefused(sent: Int, refusals: [String])
    /// SQS answered something that is not the JSON it should be.
    case unexpectedAnswer(String, String)

    /// A sentence for logs and error bodies.
    public var description: String {
        switch self {
        case .invalidQueueURL(let url): "'\(url)' is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)"
        case .batchPartlyRefused(let sent, let refusals):
            "SQS refused part of a batch (\(sent) sent): \(refusals.prefix(3).joined(separator: "; "))"
        case .unexpectedAnswer(let action, let text): "SQS answered \(action) with \(text.prefix(200))"
        }
    }
}

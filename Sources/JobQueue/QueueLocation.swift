import AWSClient
import Foundation
import Persistence

/// Which queue carries photo jobs: `database` (the default, a table of the service's database) or an SQS queue URL;
/// the one place a queue is chosen from the configuration.
public enum QueueLocation: Sendable, Equatable, CustomStringConvertible {
    /// The database queue.
    case database
    /// An SQS queue.
    case sqs(url: String)

    /// Parses `queue.url`.
    public init(url: String) throws(SQSQueueError) {
        if url == "database" || url.isEmpty {
            self = .database
            return
        }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .invalidQueueURL(url) }
        self = .sqs(url: url)
    }

    /// `database` or the queue URL.
    public var description: String {
        switch self {
        case .database: "database"
        case .sqs(let url): url
        }
    }

    /// How an SQS queue is reached, from the `queue.*` settings.
    public struct SQSAccess: Sendable {
        /// The dead-letter queue (`queue.dead_letter_url`).
        public var deadLetterURL: String?
        /// The endpoint (`queue.endpoint`); the queue URL's own host when nil.
        public var endpoint: String?
        /// The region: configured, else from an AWS queue URL's host, else `AWS_REGION`/`AWS_DEFAULT_REGION`.
        public var region: String?
        /// Long-poll wait of a receive (`queue.wait_seconds`).
        public var waitSeconds: Int
        /// How long one queue call may take, retries included, beyond its long-poll wait (`queue.timeout_ms`).
        public var deadline: Duration
        /// Where credentials come from.
        public var credentials: any AWSCredentialsProvider

        /// Access settings from their parts.
        public init(
            deadLetterURL: String?, endpoint: String?, region: String?, waitSeconds: Int, deadline: Duration,
            credentials: any AWSCredentialsProvider
        ) {
            self.deadLetterURL = deadLetterURL
            self.endpoint = endpoint
            self.region = region
            self.waitSeconds = waitSeconds
            self.deadline = deadline
            self.credentials = credentials
        }
    }

    /// Opens the queue: the database queue named `name` in `database`, or the SQS queue.
    public func open(
        database: any Database, name: String, maximumReceiveCount: Int, sqs access: SQSAccess
    ) throws -> any JobQueue {
        switch self {
        case .database:
            return DatabaseJobQueue(database: database, name: name, maximumReceiveCount: maximumReceiveCount)
        case .sqs(let url):
            guard let region = access.region.flatMap({ $0.isEmpty ? nil : $0 }) ?? Self.region(ofAWSQueue: url) else {
                throw SQSQueueError.invalidQueueURL("\(url) needs a region: set queue.region or AWS_REGION")
            }
            let client = AWSServiceClient(
                service: "sqs", region: region, credentials: access.credentials, deadline: access.deadline)
            return try SQSJobQueue(
                queueURL: url, deadLetterQueueURL: access.deadLetterURL.flatMap { $0.isEmpty ? nil : $0 },
                endpoint: access.endpoint.flatMap { $0.isEmpty ? nil : $0 }, waitSeconds: access.waitSeconds,
                client: client)
        }
    }

    /// The region in an AWS queue URL's host, `sqs.REGION.amazonaws.com`.
    static func region(ofAWSQueue url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, host.hasSuffix(".amazonaws.com") else { return nil }
        let parts = host.split(separator: ".")
        return parts.count >= 4 && parts[0] == "sqs" ? String(parts[1]) : nil
    }
}

import AWSClient
import Foundation

/// The moto server the test command starts (`scripts/test-aws`) as the tests' S3 and SQS, with signature checks
/// on: its address and the access key created in its IAM, and helpers that create buckets and queues.
public enum MotoPeer {
    /// The region every test resource lives in.
    public static let region = "us-east-1"

    /// `storage.timeout_ms` and `queue.timeout_ms` for services under test that are not about outages: moto answers
    /// a 2-MB upload in well under a second alone, but can take longer than the 3-s default while a parallel round
    /// keeps both cores busy.
    public static let callTimeoutMilliseconds = "30000"

    /// moto's base URL.
    public static func endpoint() throws -> URL {
        guard let text = ProcessInfo.processInfo.environment["BOOKPLATE_TEST_MOTO_URL"], let url = URL(string: text) else {
            throw TestSetupError("BOOKPLATE_TEST_MOTO_URL is not set: run the suite with scripts/test, which starts moto")
        }
        return url
    }

    /// The process id of the moto server, for tests that freeze it (SIGSTOP) and let it go on (SIGCONT).
    public static func processID() throws -> Int32 {
        guard let text = ProcessInfo.processInfo.environment["BOOKPLATE_TEST_MOTO_PID"], let pid = Int32(text) else {
            throw TestSetupError("BOOKPLATE_TEST_MOTO_PID is not set: run the suite with scripts/test, which starts moto")
        }
        return pid
    }

    /// The access key moto's IAM issued for the tests.
    public static func credentials() throws -> AWSCredentials {
        let environment = ProcessInfo.processInfo.environment
        guard let key = environment["BOOKPLATE_TEST_AWS_ACCESS_KEY_ID"],
            let secret = environment["BOOKPLATE_TEST_AWS_SECRET_ACCESS_KEY"]
        else { throw TestSetupError("moto's test access key is not set: run the suite with scripts/test") }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret)
    }

    /// A client for `service` signing with `credentials` (the test key by default).
    public static func client(
        _ service: String, credentials: AWSCredentials? = nil, retry: RetryPolicy = RetryPolicy(maximumAttempts: 2),
        deadline: Duration = .seconds(10)
    ) throws -> AWSServiceClient {
        AWSServiceClient(
            service: service, region: region, credentials: StaticCredentialsProvider(try credentials ?? Self.credentials()),
            retry: retry, deadline: deadline)
    }

    /// A new, empty bucket with a unique name.
    public static func createBucket() async throws -> String {
        let name = "bookplate-test-" + UUID().uuidString.lowercased().prefix(18)
        _ = try await client("s3").send("PUT", "\(try endpoint().absoluteString)/\(name)")
        return name
    }

    /// A new queue with a unique name, its dead-letter queue and a redrive policy after `maximumReceiveCount`
    /// receives; the two queue URLs.
    public static func createQueues(maximumReceiveCount: Int, visibilityTimeoutSeconds: Int = 30) async throws
        -> (queue: String, deadLetterQueue: String)
    {
        let name = "bookplate-test-" + UUID().uuidString.lowercased().prefix(18)
        let deadLetter = try await createQueue(name: name + "-dlq", attributes: [:])
        let arn = try await queueAttribute("QueueArn", of: deadLetter)
        let redrive = #"{"deadLetterTargetArn":"\#(arn)","maxReceiveCount":"\#(maximumReceiveCount)"}"#
        let queue = try await createQueue(
            name: name, attributes: ["RedrivePolicy": redrive, "VisibilityTimeout": String(visibilityTimeoutSeconds)])
        return (queue, deadLetter)
    }

    /// Calls the SQS JSON protocol's `action` with `body`; the decoded answer.
    public static func sqs(_ action: String, _ body: [String: Any]) async throws -> [String: Any] {
        let response = try await client("sqs").send(
            "POST", try endpoint().absoluteString + "/",
            headers: [
                SigV4Request.Header("X-Amz-Target", "AmazonSQS.\(action)"),
                SigV4Request.Header("Content-Type", "application/x-amz-json-1.0"),
            ],
            body: Array(try JSONSerialization.data(withJSONObject: body)))
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    private static func createQueue(name: String, attributes: [String: String]) async throws -> String {
        let answer = try await sqs("CreateQueue", ["QueueName": name, "Attributes": attributes])
        guard let url = answer["QueueUrl"] as? String else { throw TestSetupError("CreateQueue answered \(answer)") }
        return url
    }

    private static func queueAttribute(_ name: String, of queue: String) async throws -> String {
        let answer = try await sqs("GetQueueAttributes", ["QueueUrl": queue, "AttributeNames": [name]])
        guard let value = (answer["Attributes"] as? [String: String])?[name] else {
            throw TestSetupError("GetQueueAttributes answered \(answer)")
        }
        return value
    }
}

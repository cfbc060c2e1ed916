import AWSClient
import Foundation
@testable import JobQueue
import TestSupport
import Testing

/// What only the SQS queue does, against moto with signature checks on.
@Suite("SQS queue against moto", .timeLimit(.minutes(2)))
struct SQSJobQueueTests {
    @Test("a receive on an empty queue long-polls and returns a message sent meanwhile")
    func longPoll() async throws {
        let urls = try await MotoPeer.createQueues(maximumReceiveCount: 3)
        let queue = try SQSJobQueue(
            queueURL: urls.queue, deadLetterQueueURL: urls.deadLetterQueue, waitSeconds: 2, client: try MotoPeer.client("sqs"))
        let start = ContinuousClock.now
        #expect(try await queue.receive(visibilityTimeout: .seconds(5)) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(1500))
        let sent = makeMessage()
        // A longer poll for the message sent meanwhile, so that a slow send under load still lands inside it.
        let patient = try SQSJobQueue(
            queueURL: urls.queue, deadLetterQueueURL: urls.deadLetterQueue, waitSeconds: 10, client: try MotoPeer.client("sqs"))
        async let received = patient.receive(visibilityTimeout: .seconds(5))
        try await Task.sleep(for: .milliseconds(500))
        try await queue.send(sent)
        #expect(try await received?.body == sent)
    }

    @Test("a wrong secret is refused by the peer, a missing queue is named, a bad URL is refused")
    func refusals() async throws {
        let urls = try await MotoPeer.createQueues(maximumReceiveCount: 3)
        var credentials = try MotoPeer.credentials()
        credentials.secretAccessKey += "x"
        let wrong = try SQSJobQueue(
            queueURL: urls.queue, deadLetterQueueURL: nil, waitSeconds: 0, client: try MotoPeer.client("sqs", credentials: credentials))
        do {
            try await wrong.send(makeMessage())
            Issue.record("a wrongly signed send was accepted")
        } catch {
            #expect("\(error)".contains("SignatureDoesNotMatch") || "\(error)".contains("InvalidClientTokenId"), "\(error)")
        }
        let missing = try SQSJobQueue(
            queueURL: urls.queue + "-missing", deadLetterQueueURL: nil, waitSeconds: 0, client: try MotoPeer.client("sqs"))
        do {
            _ = try await missing.statistics()
            Issue.record("statistics of a missing queue passed")
        } catch {
            #expect("\(error)".contains("QueueDoesNotExist") || "\(error)".contains("NonExistentQueue"), "\(error)")
        }
        for url in ["", "not a url", "https://sqs.us-east-1.amazonaws.com/", "https://sqs.us-east-1.amazonaws.com/1/2/3"] {
            #expect(throws: SQSQueueError.self, "\(url)") {
                try SQSJobQueue(queueURL: url, deadLetterQueueURL: nil, client: try MotoPeer.client("sqs"))
            }
        }
    }

    @Test("visibility timeouts are whole seconds, rounded up, within SQS's range")
    func seconds() {
        #expect(SQSJobQueue.seconds(.milliseconds(200)) == 1)
        #expect(SQSJobQueue.seconds(.seconds(30)) == 30)
        #expect(SQSJobQueue.seconds(.zero) == 0)
        #expect(SQSJobQueue.seconds(.seconds(100_000)) == 43_200)
    }

    @Test("SQS throttling from a loopback proxy is retried and no message is lost")
    func throttling() async throws {
        let urls = try await MotoPeer.createQueues(maximumReceiveCount: 3)
        try await ThrottlingProxy.run(upstream: try MotoPeer.endpoint(), refusing: 2, with: .sqsThrottling) { proxy, counts in
            let queue = try SQSJobQueue(
                queueURL: urls.queue, deadLetterQueueURL: urls.deadLetterQueue, endpoint: proxy.absoluteString + "/",
                waitSeconds: 0, client: try MotoPeer.client("sqs", retry: RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(20))))
            let sent = (0..<3).map { _ in makeMessage() }
            try await queue.send(sent)
            #expect(counts.refused == 2)
            let received = try await queue.receive(maximum: 10, visibilityTimeout: .seconds(30))
            #expect(Set(received.compactMap(\.body?.jobID)) == Set(sent.map(\.jobID)))
            #expect(try await queue.acknowledge(received) == 3)
        }
    }
}

import AsyncHTTPClient
import BookplateServer
import Domain
import Foundation
import Logging
import NIOCore
import PhotoJobs
import TestSupport
import Testing

/// `bookplate lambda` under AWS's own Lambda Runtime Interface Emulator (`scripts/lambda-rie`), fed SQS events built
/// from real messages received from moto, with photos in S3 and the database a SQLite file.
@Suite("bookplate lambda under the Lambda Runtime Interface Emulator", .serialized, .timeLimit(.minutes(5)))
struct LambdaRuntimeTests {
    static let emulator = CommandRunner.packageRoot.appendingPathComponent(".lambda-rie/aws-lambda-rie")

    /// The emulator running `bookplate lambda` with `settings` as `BOOKPLATE_*` variables.
    struct Emulator {
        let process: ChildProcess
        let invokeURL: String
        let log: URL

        init(settings: [String: String], folder: URL, timeoutSeconds: Int = 120) throws {
            let interfacePort = try LoopbackAddresses.freePort()
            let apiPort = try LoopbackAddresses.freePort()
            var environment = Dictionary(uniqueKeysWithValues: settings.map { key, value in
                ("BOOKPLATE_" + key.replacingOccurrences(of: ".", with: "_").uppercased(), value)
            })
            environment["AWS_LAMBDA_FUNCTION_TIMEOUT"] = String(timeoutSeconds)
            log = folder.appendingPathComponent("emulator-\(interfacePort).log")
            process = try ChildProcess(
                [
                    LambdaRuntimeTests.emulator.path, "--runtime-interface-emulator-address", "127.0.0.1:\(interfacePort)",
                    "--runtime-api-address", "127.0.0.1:\(apiPort)", CommandRunner.executable.path, "lambda",
                ], environment: environment, standardOutput: log, standardError: log)
            invokeURL = "http://127.0.0.1:\(interfacePort)/2015-03-31/functions/function/invocations"
        }

        /// Invokes the function with `event` (retrying while the emulator starts); the response body.
        func invoke(_ event: Any) async throws -> String {
            var request = HTTPClientRequest(url: invokeURL)
            request.method = .POST
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: event)))
            for _ in 0..<100 {
                do {
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(150))
                    return String(buffer: try await response.body.collect(upTo: 1 << 20))
                } catch {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            throw TestSetupError("the emulator did not answer at \(invokeURL)")
        }

        func output() -> String { (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(3000)) } ?? "" }
    }

    /// Settings for a function on a SQLite file, a new bucket and new queues on moto, with u2netp.
    static func settings(folder: URL) async throws -> (settings: [String: String], queue: String) {
        let bucket = try await MotoPeer.createBucket()
        let queues = try await MotoPeer.createQueues(maximumReceiveCount: 3, visibilityTimeoutSeconds: 120)
        return ([
            "data.dir": folder.path, "database.url": "sqlite:\(folder.path)/lambda.sqlite",
            "models.dir": SharedFixtures.models.path, "pipeline.attempts": "u2netp",
            "storage.url": "s3://\(bucket)", "storage.endpoint": try MotoPeer.endpoint().absoluteString,
            "storage.path_style": "true", "storage.region": MotoPeer.region, "queue.url": queues.queue,
            "queue.dead_letter_url": queues.deadLetterQueue, "queue.wait_seconds": "0", "log.level": "info",
            "storage.timeout_ms": MotoPeer.callTimeoutMilliseconds, "queue.timeout_ms": MotoPeer.callTimeoutMilliseconds,
        ], queues.queue)
    }

    /// The runtime of the test's side over the same settings.
    static func runtime(_ settings: [String: String]) async throws -> BookplateRuntime {
        let reader = try await ConfigurationSources.reader(overrides: settings, environment: [:])
        var logger = Logger(label: "lambda-test")
        logger.logLevel = .error
        return try await BookplateRuntime.open(settings: try ServerSettings(config: reader), logger: logger)
    }

    /// An SQS event of the messages waiting in `queue`, received from moto as the event source mapping would.
    static func event(from queue: String) async throws -> (event: [String: Any], ids: [String: String]) {
        let answer = try await MotoPeer.sqs(
            "ReceiveMessage",
            ["QueueUrl": queue, "MaxNumberOfMessages": 10, "VisibilityTimeout": 120, "AttributeNames": ["All"]])
        let messages = answer["Messages"] as? [[String: Any]] ?? []
        var ids: [String: String] = [:]
        let records = messages.map { message -> [String: Any] in
            let body = message["Body"] as? String ?? ""
            ids[body] = message["MessageId"] as? String
            return [
                "messageId": message["MessageId"] ?? "", "receiptHandle": message["ReceiptHandle"] ?? "", "body": body,
                "attributes": message["Attributes"] ?? [:], "messageAttributes": [:], "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:\(queue.split(separator: "/").last ?? "")",
                "awsRegion": "us-east-1",
            ]
        }
        return (["Records": records], ids)
    }

    @Test("an SQS batch of a good and a poison record: only the poison one is reported; smoke test and retry sweep")
    func batchSmokeAndSweep() async throws {
        let folder = try TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let (settings, queueURL) = try await Self.settings(folder: folder.url)
        let runtime = try await Self.runtime(settings)
        try await runtime.withPreparedDatabase {
            let intake = PhotoIntake(photos: runtime.photos, store: runtime.store, limits: runtime.settings.limits)
            var jobs: [PhotoJob] = []
            func queueJob(_ title: String) async throws {
                let book = try await runtime.books.create(BookDetails(title: title))
                let photo = try await intake.store(
                    try SharedFixtures.bytes("books/fortSolitude.png"), bookID: book.id,
                    details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
                jobs.append(try await runtime.enqueuer.trigger(bookID: book.id, photoID: photo.photo.id).job)
            }
            try await queueJob("Good")
            _ = try await MotoPeer.sqs("SendMessage", ["QueueUrl": queueURL, "MessageBody": "not a job message"])
            let (event, ids) = try await Self.event(from: queueURL)
            let poison = try #require(ids["not a job message"])
            #expect(ids.count == 2, "the good job and the poison body")
            try await queueJob("Queue failed")
            try await runtime.jobs.markQueueFailed(jobs[1].id, error: "SQS was down")

            let emulator = try Emulator(settings: settings, folder: folder.url)
            defer { emulator.process.terminate() }
            let answer = try await emulator.invoke(event)
            let failures = (try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])?["batchItemFailures"]
            #expect((failures as? [[String: String]])?.map { $0["itemIdentifier"] } == [poison], "\(answer)\n\(emulator.output())")
            let completed = try await runtime.jobs.find(jobs[0].id)
            #expect(completed?.status == .completed && completed?.modelUsed == "u2netp", "\(emulator.output())")
            #expect(emulator.output().contains("request_id="), "structured logs carry the request id")

            let smoke = try await emulator.invoke(["smoke_test": true])
            #expect(smoke == #"{"entry_point":"lambda","status":"ok","version":"\#(BookplateVersion.version)"}"#)

            let sweep = try await emulator.invoke(["retry_queue_failed": true])
            #expect(sweep.contains(#""retried":1"#) && sweep.contains(#""succeeded":1"#), "\(sweep)")
            #expect(try await runtime.jobs.find(jobs[1].id)?.status == .pending)

            let unknown = try await emulator.invoke(["something": "else"])
            #expect(unknown.contains("not a Bookplate event"), "\(unknown)")
        }
    }

    @Test("records that would outlive the invocation are given back at once and reported failed")
    func deadline() async throws {
        let folder = try TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let (settings, queueURL) = try await Self.settings(folder: folder.url)
        let runtime = try await Self.runtime(settings)
        try await runtime.withPreparedDatabase {
            let book = try await runtime.books.create(BookDetails(title: "Late"))
            let intake = PhotoIntake(photos: runtime.photos, store: runtime.store, limits: runtime.settings.limits)
            let photo = try await intake.store(
                try SharedFixtures.bytes("books/fortSolitude.png"), bookID: book.id,
                details: PhotoIntake.Details(imageType: .cover, asPrimary: true))
            let job = try await runtime.enqueuer.trigger(bookID: book.id, photoID: photo.photo.id).job
            let (event, ids) = try await Self.event(from: queueURL)
            let emulator = try Emulator(settings: settings, folder: folder.url, timeoutSeconds: 30)
            defer { emulator.process.terminate() }
            let answer = try await emulator.invoke(event)
            #expect(answer == #"{"batchItemFailures":[{"itemIdentifier":"\#(ids.values.first ?? "")"}]}"#, "\(answer)")
            #expect(try await runtime.jobs.find(job.id)?.status == .pending)
            #expect(try await runtime.queue.statistics().depth == 1, "the message is visible again at once")
        }
    }

    @Test("an initialisation failure (no database) is reported through init/error")
    func initialisationFailure() async throws {
        let folder = try TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        var (settings, _) = try await Self.settings(folder: folder.url)
        let blocker = folder.url.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        settings["database.url"] = "sqlite:\(blocker.path)/lambda.sqlite"
        let emulator = try Emulator(settings: settings, folder: folder.url)
        defer { emulator.process.terminate() }
        let answer = try await emulator.invoke(["smoke_test": true])
        #expect(answer.contains("errorType") || answer.contains("errorMessage"), "\(answer)\n\(emulator.output())")
        #expect(!answer.contains(#""status":"ok""#))
        #expect(emulator.output().contains("init/error") || emulator.output().lowercased().contains("init"), "\(emulator.output())")
    }
}

import Domain
import Foundation
import ObjectStorage
import TestSupport

/// Bookplate as the old service ran it, on loopback: `bookplate serve --no-workers` and `bookplate worker`
/// processes on a PostgreSQL database of their own, a fresh moto bucket and SQS queue with its dead-letter queue.
struct ScaledOutDeployment: Sendable {
    let processes: BookplateProcesses
    let adminKey: String
    let bucket: String

    /// Runs `body` with a deployment processing with `model` (leases of `visibilitySeconds`), nothing started yet;
    /// its S3 and SQS calls each end after `callTimeoutMilliseconds` (the service's own 3-s default for outage tests).
    static func with(
        model: String, visibilitySeconds: Int = 3, callTimeoutMilliseconds: String = MotoPeer.callTimeoutMilliseconds,
        _ body: @Sendable (ScaledOutDeployment) async throws -> Void
    ) async throws {
        let bucket = try await MotoPeer.createBucket()
        let queues = try await MotoPeer.createQueues(maximumReceiveCount: 5, visibilityTimeoutSeconds: visibilitySeconds)
        try await withDatabase(.postgres) { database in
            let folder = try TemporaryFolder()
            let adminKey = APIKeyToken.generate().value
            let settings: [String: String] = [
                "data.dir": folder.url.path, "database.url": database.url, "database.timeout_ms": "15000",
                "models.dir": CommandRunner.packageRoot.appendingPathComponent("bookplate-data/models").path,
                "pipeline.attempts": model, "pipeline.shape_floor": "0",
                "queue.visibility_timeout_ms": String(visibilitySeconds * 1000), "worker.heartbeat_ms": "1000",
                "worker.poll_ms": "100", "log.level": "info", "import.allowed_hosts": "127.0.0.1",
                "auth.bootstrap_admin_key": adminKey,
                "storage.url": "s3://\(bucket)", "storage.endpoint": try MotoPeer.endpoint().absoluteString,
                "storage.path_style": "true", "storage.region": MotoPeer.region, "queue.url": queues.queue,
                "queue.dead_letter_url": queues.deadLetterQueue, "queue.wait_seconds": "1",
                "storage.timeout_ms": callTimeoutMilliseconds, "queue.timeout_ms": callTimeoutMilliseconds,
            ]
            try await body(ScaledOutDeployment(
                processes: BookplateProcesses(folder: folder, environment: BookplateProcesses.environment(settings)),
                adminKey: adminKey, bucket: bucket))
        }
    }

    /// Starts `bookplate serve --no-workers` on a free port; the process and its base URL.
    func startServer() async throws -> (process: ChildProcess, url: String) {
        let process = try processes.start(["serve", "--no-workers", "--port", "0"], log: "serve.log")
        guard let url = try await LoopbackAddresses.serveAddress(log: processes.folder.url.appendingPathComponent("serve.log")) else {
            process.terminate()
            throw TestSetupError("serve did not start: \(processes.log("serve.log"))")
        }
        return (process, url)
    }

    /// Starts a `bookplate worker` logging to `log`.
    func startWorker(log: String) throws -> ChildProcess { try processes.startWorker(log: log) }

    /// The end of what a process wrote to `log`.
    func log(_ log: String) -> String { processes.log(log) }

    /// The job's status as the API reports it.
    func jobStatus(_ jobID: String, at url: String) async -> String? {
        await ServiceCall.send(.GET, "\(url)/jobs/\(jobID)", key: adminKey).json["status"] as? String
    }

    /// The keys of processed photos in the bucket.
    func processedObjects() async throws -> [String] {
        let store = try S3ObjectStore(
            bucket: bucket, prefix: "", endpoint: try MotoPeer.endpoint(), pathStyle: true, client: try MotoPeer.client("s3"))
        return try await store.list(prefix: "books").map(\.value).filter { $0.contains("/processed/") }
    }
}

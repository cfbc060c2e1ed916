import Foundation
import ImagePipeline
import JobQueue
import ObjectStorage
import Persistence

/// Runs the readiness and deep checks: the database (reachable, latency, migrations), the object store (write,
/// read, delete), the queue with its dead letters (depth, in flight) and the models of the attempt list.
public struct HealthChecker: Sendable {
    let database: any Database
    let store: any ObjectStore
    let queue: any JobQueue
    let models: ModelInventory
    let info: ServiceInfo
    private let publicDeep = RecentResult<HealthReport>(reuse: .seconds(1))

    /// A checker of these parts.
    public init(
        database: any Database, store: any ObjectStore, queue: any JobQueue, models: ModelInventory, info: ServiceInfo
    ) {
        self.database = database
        self.store = store
        self.queue = queue
        self.models = models
        self.info = info
    }

    /// Database reachable and fully migrated, object store and queue answering; all three asked at once, so the
    /// answer comes within a second whatever they do.
    public func readiness() async -> HealthReport {
        var checks: [String: [HealthReport.Check]] = [:]
        async let storeCheck = timed(componentType: "component", within: .seconds(1)) { [store] in
            _ = try await store.head(try ObjectKey("health/ready"))
        }
        async let queueCheck = timed(componentType: "component", within: .seconds(1)) { [queue] in
            _ = try await queue.statistics()
        }
        await checkDatabase(into: &checks, within: .seconds(1))
        checks["objectStore:responseTime"] = [await storeCheck.0]
        checks["queue:responseTime"] = [await queueCheck.0]
        return report(checks, description: "readiness: database reachable and migrated, object store and queue answering")
    }

    /// Every dependency, measured; each check gives up after two seconds.
    public func deep() async -> HealthReport {
        await deepWithQueueStatistics().report
    }

    /// ``deep()`` as the endpoint anyone may call runs it: requests at the same time share one run and its report
    /// serves for a second after, so that requests cannot multiply the store's probe objects and the other checks.
    public func sharedDeep() async -> HealthReport {
        await publicDeep.value { await deep() }
    }

    /// ``deep()`` with the queue's counts its queue check read.
    public func deepWithQueueStatistics() async -> DeepHealth {
        var checks: [String: [HealthReport.Check]] = [:]
        await checkDatabase(into: &checks, within: .seconds(2))
        let (storeCheck, _) = await timed(componentType: "component", within: .seconds(2)) { [store] in try await store.probe() }
        checks["objectStore:responseTime"] = [storeCheck]
        let (queueCheck, statistics) = await timed(componentType: "component", within: .seconds(2)) { [queue] in
            try await queue.statistics()
        }
        checks["queue:responseTime"] = [queueCheck]
        if let statistics {
            checks["queue:depth"] = [count(Double(statistics.depth), output: queue.name)]
            checks["queue:inFlight"] = [count(Double(statistics.inFlight), output: queue.name)]
            var dead = count(Double(statistics.deadLettered), output: "\(queue.name) dead-letter queue")
            if statistics.deadLettered > 0 { dead.status = "warn" }
            checks["queue:deadLetters"] = [dead]
        }
        checks["models:verified"] = modelChecks()
        return DeepHealth(
            report: report(checks, description: "deep: database, object store, queue, dead-letter queue and models"),
            queueStatistics: statistics)
    }

    /// One check per model of the attempt list: `pass` when its file is present and matches its checksums; when
    /// none is, every one fails (no attempt can run); otherwise the missing ones warn (their attempts are skipped).
    func modelChecks() -> [HealthReport.Check] {
        let verifications = models.check()
        let anyUsable = verifications.contains { $0.status == "ok" }
        return verifications.map { verification in
            let attempts = models.attempts.enumerated().filter { $0.element.model == verification.name }
                .map { String($0.offset + 1) }.joined(separator: ", ")
            let output: String
            switch verification.status {
            case "ok": output = "sha256:\(verification.sha256 ?? "")"
            case "mismatch":
                output = "checksum sha256:\(verification.sha256 ?? "") matches none of the registry's; attempts \(attempts) are skipped"
            case "unknown": output = "not a registry model; attempts \(attempts) are skipped"
            default:
                output = "no file in \(models.store.directory.path) (`bookplate models pull \(verification.name)`); attempts \(attempts) are skipped"
            }
            return HealthReport.Check(
                componentId: verification.name,
                status: verification.status == "ok" ? "pass" : anyUsable ? "warn" : "fail",
                componentType: "component", observedValue: nil, observedUnit: nil, output: output, time: .now)
        }
    }

    private func checkDatabase(into checks: inout [String: [HealthReport.Check]], within limit: Duration) async {
        let migrator = Migrator(database: database)
        let (check, applied) = await timed(componentType: "datastore", within: limit) { try await migrator.appliedVersion() }
        checks["database:responseTime"] = [check]
        if let applied {
            let current = applied >= migrator.latestVersion
            checks["database:migrations"] = [
                HealthReport.Check(
                    status: current ? "pass" : "fail", componentType: "datastore", observedValue: Double(applied),
                    observedUnit: "version",
                    output: current
                        ? "schema at version \(applied)" : "schema at version \(applied), this build needs \(migrator.latestVersion)",
                    time: .now)
            ]
        }
    }

    private func timed<Value: Sendable>(
        componentType: String, within limit: Duration, _ body: @escaping @Sendable () async throws -> Value
    ) async -> (HealthReport.Check, Value?) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let value = try await Deadline.run(
                within: limit, expired: { HealthCheckTimeout(limit: limit) }, body)
            let elapsed = (clock.now - start).milliseconds
            return (
                HealthReport.Check(
                    status: "pass", componentType: componentType, observedValue: elapsed, observedUnit: "ms",
                    output: nil, time: .now), value
            )
        } catch {
            let elapsed = (clock.now - start).milliseconds
            return (
                HealthReport.Check(
                    status: "fail", componentType: componentType, observedValue: elapsed, observedUnit: "ms",
                    output: "\(error)", time: .now), nil
            )
        }
    }

    private func count(_ value: Double, output: String) -> HealthReport.Check {
        HealthReport.Check(
            status: "pass", componentType: "component", observedValue: value, observedUnit: "messages", output: output,
            time: .now)
    }

    private func report(_ checks: [String: [HealthReport.Check]], description: String) -> HealthReport {
        let statuses = checks.values.flatMap { $0.map(\.status) }
        let status = statuses.contains("fail") ? "fail" : statuses.contains("warn") ? "warn" : "pass"
        return HealthReport(status: status, version: info.version, description: description, checks: checks)
    }
}


/// A health check that took longer than its limit.
struct HealthCheckTimeout: Error, CustomStringConvertible {
    let limit: Duration

    var description: String { "no answer within \(limit)" }
}

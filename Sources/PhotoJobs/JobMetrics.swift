import JobQueue
import Metrics

/// The job counters, timers and queue gauges `/metrics` exposes.
public enum JobMetrics {
    static func enqueued(outcome: String) {
        Counter(label: "bookplate_jobs_enqueued_total", dimensions: [("outcome", outcome)]).increment()
    }

    static func finished(status: String, reason: String) {
        Counter(label: "bookplate_jobs_finished_total", dimensions: [("status", status), ("reason", reason)])
            .increment()
    }

    static func stage(_ stage: String, milliseconds: Double) {
        Metrics.Timer(label: "bookplate_job_stage_seconds", dimensions: [("stage", stage)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(milliseconds * 1_000_000))
    }

    /// Records the queue's depth, in-flight and dead-lettered counts as gauges, labelled with the queue's name.
    public static func queue(_ statistics: QueueStatistics, name: String) {
        Gauge(label: "bookplate_queue_depth", dimensions: [("queue", name)]).record(statistics.depth)
        Gauge(label: "bookplate_queue_in_flight", dimensions: [("queue", name)]).record(statistics.inFlight)
        Gauge(label: "bookplate_queue_dead_letters", dimensions: [("queue", name)]).record(statistics.deadLettered)
    }
}

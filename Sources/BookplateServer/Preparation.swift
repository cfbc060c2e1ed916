/// Runs a runtime's preparation (migrations, the bootstrap key) once, for every part of a process that needs the
/// schema: the HTTP server before it accepts requests, the workers and the sweeper before they touch the queue.
public actor Preparation {
    private let runtime: BookplateRuntime
    private var running: Task<Void, any Error>?

    /// The preparation of `runtime`.
    public init(runtime: BookplateRuntime) {
        self.runtime = runtime
    }

    /// Prepares on the first call; later calls wait for that one and share its outcome.
    public func ensure() async throws {
        let task = running ?? Task { [runtime] in try await runtime.prepare() }
        running = task
        try await task.value
    }
}

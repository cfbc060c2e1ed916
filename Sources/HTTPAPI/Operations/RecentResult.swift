/// One result of an expensive call shared by its callers: those that ask while it runs wait for that run, and a
/// result stays good for a while after it ends, so that any number of requests cause at most one run at a time
/// and one per `reuse` period.
actor RecentResult<Value: Sendable> {
    private let reuse: Duration
    private var running: Task<Value, Never>?
    private var last: (value: Value, at: ContinuousClock.Instant)?

    /// A shared result that is reused for `reuse` after its run ends.
    init(reuse: Duration) {
        self.reuse = reuse
    }

    /// The last result when it is recent, else the running one's, else that of a new run of `body`.
    func value(_ body: @escaping @Sendable () async -> Value) async -> Value {
        if let last, ContinuousClock.now - last.at < reuse {
            return last.value
        }
        if let running {
            return await running.value
        }
        let run = Task { await body() }
        running = run
        let value = await run.value
        running = nil
        last = (value, ContinuousClock.now)
        return value
    }
}

/// What a piece of a photo's work gave and how long it took, for the report's stage timings.
struct Timed<Value: Sendable>: Sendable {
    let value: Value
    let milliseconds: Double

    /// Runs `work` and keeps its result with the time it took; an error `work` throws passes through untimed.
    init<Failure: Error>(_ work: () throws(Failure) -> Value) throws(Failure) {
        let clock = ContinuousClock()
        let start = clock.now
        value = try work()
        milliseconds = (clock.now - start).milliseconds
    }
}

/// What a piece of a photo's work gave and how long it took, for the report's stage timings.
struct Timed<Value: Sendable>: Sendable {
    let value: Value
    let milliseconds: Double

    /// Runs `work` and keeps its result with the time it took; an error `work` throws passes through untimed.
    init<Failure: Error>(_ work: () throws(Failure) -> Value) throws(Failure) {
        try self.init(handing: ()) { () throws(Failure) in try work() }
    }

    /// Runs `work` on `input`, handed over rather than copied (`consume` it at the call), so that `work` may write
    /// over it; keeps the result with the time it took.
    init<Input, Failure: Error>(
        handing input: consuming Input, to work: (consuming Input) throws(Failure) -> Value
    ) throws(Failure) {
        let clock = ContinuousClock()
        let start = clock.now
        value = try work(consume input)
        milliseconds = (clock.now - start).milliseconds
    }
}

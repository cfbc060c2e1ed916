import Dispatch

/// Runs two independent pieces of a photo's work at once, one per core, each with its own timing.
enum Parallel {
    /// What one of the two pieces gave and how long it took.
    struct Timed<Value: Sendable>: Sendable {
        let value: Value
        let milliseconds: Double
    }

    /// Runs `first` and `second` concurrently and returns both results once both are done.
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (first: Timed<First>, second: Timed<Second>) {
        nonisolated(unsafe) var firstResult: Timed<First>?
        nonisolated(unsafe) var secondResult: Timed<Second>?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    let clock = ContinuousClock()
                    let start = clock.now
                    if index == 0 {
                        let value = first()
                        firstResult = Timed(value: value, milliseconds: (clock.now - start).milliseconds)
                    } else {
                        let value = second()
                        secondResult = Timed(value: value, milliseconds: (clock.now - start).milliseconds)
                    }
                }
            }
        }
        return (firstResult!, secondResult!)
    }
}

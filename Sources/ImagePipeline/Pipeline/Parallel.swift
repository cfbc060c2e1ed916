import Dispatch

/// Runs two independent pieces of a photo's work at once, one per core, each with its own timing.
enum Parallel {
    /// Runs `first` and `second` concurrently and returns both results once both are done.
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (first: Timed<First>, second: Timed<Second>) {
        nonisolated(unsafe) var firstResult: Timed<First>?
        nonisolated(unsafe) var secondResult: Timed<Second>?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 {
                        firstResult = Timed(first)
                    } else {
                        secondResult = Timed(second)
                    }
                }
            }
        }
        return (firstResult!, secondResult!)
    }
}

import Dispatch

/// Runs two independent encodings at once, one per core, each with its own timing.
enum Parallel {
    /// The outcome of one of the two jobs and how long it took.
    struct Outcome: Sendable {
        let result: Result<[UInt8], ImageError>
        let milliseconds: Double
    }

    /// Runs `first` and `second` concurrently and returns both outcomes.
    static func both(
        _ first: @Sendable () throws(ImageError) -> [UInt8], _ second: @Sendable () throws(ImageError) -> [UInt8]
    ) -> (first: Outcome, second: Outcome) {
        nonisolated(unsafe) var outcomes: [Outcome?] = [nil, nil]
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                outcomes.withUnsafeMutableBufferPointer { slots in
                    nonisolated(unsafe) let slots = slots
                    DispatchQueue.concurrentPerform(iterations: 2) { index in
                        let clock = ContinuousClock()
                        let start = clock.now
                        let result = Result { () throws(ImageError) in try (index == 0 ? first : second)() }
                        slots[index] = Outcome(result: result, milliseconds: (clock.now - start).milliseconds)
                    }
                }
            }
        }
        return (outcomes[0]!, outcomes[1]!)
    }
}

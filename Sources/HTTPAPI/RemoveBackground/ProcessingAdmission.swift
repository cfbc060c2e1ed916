/// Bounds the synchronous photo processing of the API: at most `concurrency` photos are processed at once and at
/// most `queueLimit` more wait for a turn, their photos read or being read; a request beyond that is refused at
/// once, before its photo is read, with an estimate of when to try again, so that a flood never piles up work or
/// memory.
public actor ProcessingAdmission {
    /// A request refused because every slot and every place in the queue is taken.
    public struct Busy: Error, Sendable {
        /// Seconds after which a turn is likely free.
        public let retryAfterSeconds: Int
    }

    /// Photos processed at once.
    public let concurrency: Int
    /// Requests that may wait for a turn.
    public let queueLimit: Int
    private var running = 0
    private var admitted = 0
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0
    private var averageSeconds = 2.0

    /// An admission of `concurrency` slots (at least one) and a queue of `queueLimit` places.
    public init(concurrency: Int, queueLimit: Int) {
        self.concurrency = max(1, concurrency)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `body` — which reads the request's photo and then processes it with ``run(_:)`` — holding one of the
    /// `concurrency + queueLimit` places; throws ``Busy`` at once, before `body` starts, when every place is taken.
    public func admit<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        guard admitted < concurrency + queueLimit else { throw busy(ahead: admitted) }
        admitted += 1
        defer { admitted -= 1 }
        return try await body()
    }

    /// Runs `body` in a slot, waiting for one if the queue has room; throws ``Busy`` otherwise, and
    /// `CancellationError` when the caller goes away while waiting.
    public func run<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        try await enter()
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            averageSeconds = 0.8 * averageSeconds + 0.2 * seconds
            leave()
        }
        return try await body()
    }

    private func enter() async throws {
        if running < concurrency {
            running += 1
            return
        }
        guard waiting.count < queueLimit else { throw busy(ahead: running + waiting.count) }
        nextID += 1
        let id = nextID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiting.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiting(id) }
        }
    }

    /// A refusal with the time `ahead` requests are likely to take.
    private func busy(ahead: Int) -> Busy {
        let turns = Double(ahead) / Double(concurrency)
        return Busy(retryAfterSeconds: max(1, Int((turns * averageSeconds).rounded(.up))))
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiting(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

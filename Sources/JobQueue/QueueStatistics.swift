/// How many messages a queue holds, by state.
public struct QueueStatistics: Sendable, Codable, Equatable {
    /// Waiting to be received.
    public var depth: Int
    /// Received and under a lease.
    public var inFlight: Int
    /// In the dead-letter queue.
    public var deadLettered: Int

    /// Statistics from their parts.
    public init(depth: Int, inFlight: Int, deadLettered: Int) {
        self.depth = depth
        self.inFlight = inFlight
        self.deadLettered = deadLettered
    }

    enum CodingKeys: String, CodingKey {
        case depth
        case inFlight = "in_flight"
        case deadLettered = "dead_lettered"
    }
}

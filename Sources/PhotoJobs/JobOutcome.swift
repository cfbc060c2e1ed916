/// What a worker did with one message.
public enum JobOutcome: Sendable, Equatable {
    /// The job completed now.
    case completed
    /// Nothing to do: the job was already completed, deleted or superseded; the message was acknowledged.
    case skipped(String)
    /// The attempt failed; the message was released for redelivery.
    case failed(String)
    /// The job was given back (a deadline or shutdown came first) or another worker took it over; the result was
    /// not written.
    case abandoned(String)
    /// Another worker holds the job (a second delivery of its message); the message was released to come back when
    /// that hold ends.
    case deferred(String)
}

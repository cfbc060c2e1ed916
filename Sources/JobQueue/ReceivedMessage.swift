/// A message a consumer holds under a lease until it acknowledges or releases it.
public struct ReceivedMessage: Sendable, Equatable {
    /// The queue's identifier of the message.
    public var id: String
    /// The decoded body; nil when the body could not be decoded (the consumer dead-letters such messages).
    public var body: JobMessage?
    /// The raw body as sent.
    public var rawBody: String
    /// How many times it has been received, this time included.
    public var receiveCount: Int
    /// Proof of the lease; stale once the lease is lost.
    public var leaseToken: String

    /// A message from its parts, as a queue or an event source hands it out.
    public init(id: String, body: JobMessage?, rawBody: String, receiveCount: Int, leaseToken: String) {
        self.id = id
        self.body = body
        self.rawBody = rawBody
        self.receiveCount = receiveCount
        self.leaseToken = leaseToken
    }
}

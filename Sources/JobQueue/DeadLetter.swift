import Foundation

/// A message that was received too many times without success, kept for an admin to look at and replay.
public struct DeadLetter: Sendable, Codable, Equatable {
    /// The queue's identifier of the message.
    public var id: String
    /// The decoded body, when it decodes.
    public var message: JobMessage?
    /// The raw body as sent.
    public var rawBody: String
    /// Times it was received.
    public var receiveCount: Int
    /// The last reason a consumer gave.
    public var lastError: String?
    /// When it was dead-lettered.
    public var deadLetteredAt: Date

    enum CodingKeys: String, CodingKey {
        case id, message
        case rawBody = "raw_body"
        case receiveCount = "receive_count"
        case lastError = "last_error"
        case deadLetteredAt = "dead_lettered_at"
    }
}

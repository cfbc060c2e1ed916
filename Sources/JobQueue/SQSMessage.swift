import Foundation

/// One message of a `ReceiveMessage` answer.
struct SQSMessage {
    let id: String
    let receiptHandle: String
    let body: String
    let receiveCount: Int
    let sentAt: Date

    /// Reads `MessageId`, `ReceiptHandle`, `Body` and the `ApproximateReceiveCount` and `SentTimestamp`
    /// attributes; nil when one of the first three is missing.
    init?(_ object: [String: Any]) {
        guard let id = object["MessageId"] as? String, let receiptHandle = object["ReceiptHandle"] as? String,
            let body = object["Body"] as? String
        else { return nil }
        let attributes = object["Attributes"] as? [String: String] ?? [:]
        self.id = id
        self.receiptHandle = receiptHandle
        self.body = body
        receiveCount = Int(attributes["ApproximateReceiveCount"] ?? "") ?? 1
        sentAt = Date(timeIntervalSince1970: (Double(attributes["SentTimestamp"] ?? "") ?? 0) / 1000)
    }
}

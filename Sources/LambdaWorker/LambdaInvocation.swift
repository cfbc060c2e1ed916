import Foundation

/// One invocation handed out by the Lambda runtime API's `invocation/next`.
public struct LambdaInvocation: Sendable {
    /// `Lambda-Runtime-Aws-Request-Id`.
    public let requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when the invocation is cut off.
    public let deadline: Date
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    public let functionARN: String?
    /// `Lambda-Runtime-Trace-Id`.
    public let traceID: String?
    /// The event, as JSON.
    public let event: [UInt8]

    /// An invocation from its parts.
    public init(requestID: String, deadline: Date, functionARN: String?, traceID: String?, event: [UInt8]) {
        self.requestID = requestID
        self.deadline = deadline
        self.functionARN = functionARN
        self.traceID = traceID
        self.event = event
    }
}

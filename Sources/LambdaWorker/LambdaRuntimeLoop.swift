import Logging

/// The custom runtime's loop: take the next invocation, hand it to the handler, post its response or error,
/// for as long as the execution environment lives.
public struct LambdaRuntimeLoop: Sendable {
    /// The runtime API.
    public let api: LambdaRuntimeAPI
    /// The handler.
    public let handler: LambdaHandler
    private let logger: Logger

    /// A loop over `api` and `handler`.
    public init(api: LambdaRuntimeAPI, handler: LambdaHandler, logger: Logger) {
        self.api = api
        self.handler = handler
        self.logger = logger
    }

    /// Runs until the task is cancelled or the runtime API fails.
    public func run() async throws {
        while !Task.isCancelled {
            let invocation = try await api.nextInvocation()
            do {
                try await api.respond(to: invocation.requestID, with: try await handler.handle(invocation))
            } catch {
                logger.error("invocation failed", metadata: ["request_id": "\(invocation.requestID)", "error": "\(error)"])
                try await api.fail(invocation.requestID, error: error)
            }
        }
    }
}

import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A container credentials endpoint on 127.0.0.1 that counts the requests it gets and answers as a test says.
final class ContainerEndpointStub: Sendable {
    /// What the stub answers with.
    enum Answer: Sendable {
        /// Credentials expiring at the given time; the token is `token-N` for the N-th request.
        case credentials(expiration: Date)
        /// An error status with a short body.
        case status(Int)
        /// No answer at all, to make the client time out.
        case silence
    }

    private struct State {
        var answer: Answer
        var requestCount = 0
    }

    /// The token the stub requires in `Authorization`, or `nil` to accept any request.
    let expectedToken: String?
    /// How long the stub waits before answering.
    let delay: TimeAmount
    private let state: NIOLockedValueBox<State>
    private let channel: NIOLockedValueBox<(any Channel)?>

    private init(answer: Answer, expectedToken: String?, delay: TimeAmount) {
        self.expectedToken = expectedToken
        self.delay = delay
        state = NIOLockedValueBox(State(answer: answer))
        channel = NIOLockedValueBox(nil)
    }

    /// Runs `body` with a stub listening on 127.0.0.1, and stops the stub afterwards.
    static func withStub<Result: Sendable>(
        answer: Answer,
        expectedToken: String? = nil,
        delay: TimeAmount = .zero,
        _ body: (ContainerEndpointStub) async throws -> Result
    ) async throws -> Result {
        let stub = ContainerEndpointStub(answer: answer, expectedToken: expectedToken, delay: delay)
        try await stub.start()
        do {
            let result = try await body(stub)
            try await stub.stop()
            return result
        } catch {
            try? await stub.stop()
            throw error
        }
    }

    /// The port the stub listens on.
    var port: Int {
        channel.withLockedValue { $0?.localAddress?.port } ?? 0
    }

    /// The URL to put in `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
    var url: String { "http://127.0.0.1:\(port)/v2/credentials" }

    /// How many requests have arrived so far.
    var requestCount: Int { state.withLockedValue(\.requestCount) }

    /// Changes the answer to later requests.
    func answer(with answer: Answer) {
        state.withLockedValue { $0.answer = answer }
    }

    /// Stops listening.
    func stop() async throws {
        let channel = self.channel.withLockedValue { $0 }
        try await channel?.close()
    }

    private func start() async throws {
        let listening = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(stub: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        channel.withLockedValue { $0 = listening }
    }

    /// Counts a request and decides its status and body; `nil` means stay silent.
    fileprivate func reply(toAuthorization authorization: String?) -> (status: Int, body: String)? {
        let (answer, count) = state.withLockedValue { state in
            state.requestCount += 1
            return (state.answer, state.requestCount)
        }
        if let expectedToken, authorization != expectedToken {
            return (401, #"{"message":"bad token"}"#)
        }
        switch answer {
        case .credentials(let expiration):
            let expirationText = expiration.formatted(.iso8601)
            let body =
                #"{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","#
                + #""Token":"token-\#(count)","Expiration":"\#(expirationText)"}"#
            return (200, body)
        case .status(let status):
            return (status, #"{"message":"failure"}"#)
        case .silence:
            return nil
        }
    }
}

/// Answers each HTTP request on one connection as the stub says.
private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let stub: ContainerEndpointStub
    private var authorization: String?

    init(stub: ContainerEndpointStub) {
        self.stub = stub
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            authorization = head.headers.first(name: "Authorization")
        case .body:
            break
        case .end:
            guard let reply = stub.reply(toAuthorization: authorization) else { return }
            context.eventLoop.assumeIsolated().scheduleTask(in: stub.delay) {
                Self.write(reply, to: context)
            }
        }
    }

    private static func write(_ reply: (status: Int, body: String), to context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(reply.body.utf8.count))
        let status = HTTPResponseStatus(statusCode: reply.status)
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
    }
}

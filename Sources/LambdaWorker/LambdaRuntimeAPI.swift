import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Lambda runtime API (version 2018-06-01) at `AWS_LAMBDA_RUNTIME_API`: the next invocation, its response or
/// error, and an initialisation error.
public struct LambdaRuntimeAPI: Sendable {
    /// `host:port` of the runtime API.
    public let address: String
    private let http: HTTPClient

    /// A client of the runtime API at `address`.
    public init(address: String, http: HTTPClient = .shared) {
        self.address = address
        self.http = http
    }

    private var base: String { "http://\(address)/2018-06-01/runtime" }

    /// Waits for the next invocation (as long as it takes: Lambda freezes the process meanwhile).
    public func nextInvocation() async throws -> LambdaInvocation {
        let response = try await http.execute(HTTPClientRequest(url: "\(base)/invocation/next"), timeout: .hours(24))
        let body = try await response.body.collect(upTo: 6 << 20)
        guard response.status == .ok, let requestID = response.headers.first(name: "Lambda-Runtime-Aws-Request-Id") else {
            throw LambdaRuntimeError.unexpectedAnswer("invocation/next answered \(response.status.code)")
        }
        let deadline = Double(response.headers.first(name: "Lambda-Runtime-Deadline-Ms") ?? "").map {
            Date(timeIntervalSince1970: $0 / 1000)
        }
        return LambdaInvocation(
            requestID: requestID, deadline: deadline ?? .distantFuture,
            functionARN: response.headers.first(name: "Lambda-Runtime-Invoked-Function-Arn"),
            traceID: response.headers.first(name: "Lambda-Runtime-Trace-Id"), event: Array(body.readableBytesView))
    }

    /// Posts the result of invocation `requestID`.
    public func respond(to requestID: String, with body: [UInt8]) async throws {
        try await post("\(base)/invocation/\(requestID)/response", body: body, errorType: nil)
    }

    /// Posts the failure of invocation `requestID`.
    public func fail(_ requestID: String, error: any Error) async throws {
        try await post("\(base)/invocation/\(requestID)/error", body: Self.report(error), errorType: Self.type(of: error))
    }

    /// Posts why the function could not start.
    public func failInitialisation(_ error: any Error) async throws {
        try await post("\(base)/init/error", body: Self.report(error), errorType: Self.type(of: error))
    }

    private func post(_ url: String, body: [UInt8], errorType: String?) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let errorType { request.headers.add(name: "Lambda-Runtime-Function-Error-Type", value: errorType) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw LambdaRuntimeError.unexpectedAnswer("\(url) answered \(response.status.code)")
        }
    }

    /// `{"errorMessage": …, "errorType": …}`.
    static func report(_ error: any Error) -> [UInt8] {
        let report = ["errorMessage": "\(error)", "errorType": type(of: error)]
        return Array((try? JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    private static func type(of error: any Error) -> String { "Bookplate.\(Swift.type(of: error))" }
}

/// Why talking to the Lambda runtime API failed.
public enum LambdaRuntimeError: Error, Sendable, CustomStringConvertible {
    /// The runtime API answered something else than the protocol says.
    case unexpectedAnswer(String)

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .unexpectedAnswer(let detail): "the Lambda runtime API: \(detail)"
        }
    }
}

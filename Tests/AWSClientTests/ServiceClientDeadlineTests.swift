import AWSClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A loopback socket that listens and never accepts: connections complete in the kernel's backlog, requests are
/// sent, and no answer ever comes, as with a store that has stopped (a frozen process, a black-holed route).
struct SilentListener: ~Copyable {
    let port: Int
    private let socket: Int32

    init() throws {
        (socket, port) = try LoopbackSocket.listening(backlog: 16)
    }

    deinit { close(socket) }
}

/// The upper bounds are loose: in a parallel run other suites can hold the cooperative threads for seconds, and
/// what they guard against — five tries that each wait for an answer — takes minutes, not seconds.
@Suite("AWSServiceClient: a whole call ends by its deadline, retries included")
struct ServiceClientDeadlineTests {
    static func client(deadline: Duration) -> AWSServiceClient {
        AWSServiceClient(
            service: "s3", region: "us-east-1",
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")),
            retry: RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(50)), deadline: deadline)
    }

    @Test("an endpoint that accepts and never answers fails the call within its deadline, as unreachable")
    func silentEndpoint() async throws {
        let listener = try SilentListener()
        let start = ContinuousClock.now
        await #expect {
            _ = try await Self.client(deadline: .seconds(1)).send("GET", "http://127.0.0.1:\(listener.port)/bucket/key")
        } throws: { error in
            guard case .unreachable = error as? AWSServiceError else { return false }
            return true
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test("a long poll gets its server wait on top of the deadline")
    func serverWait() async throws {
        let listener = try SilentListener()
        let start = ContinuousClock.now
        await #expect(throws: AWSServiceError.self) {
            _ = try await Self.client(deadline: .milliseconds(500)).send(
                "POST", "http://127.0.0.1:\(listener.port)/", serverWait: .seconds(1))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(1400) && elapsed < .seconds(10), "took \(elapsed)")
    }
}

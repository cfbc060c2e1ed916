import AWSClient
import Foundation
import Testing

/// A body that keeps moving gets time to move at the client's minimum transfer rate beyond the call's deadline;
/// a body that stops fails the call by then instead of holding it for good.
@Suite("AWSServiceClient: bodies get time by their size, and a stalled one fails")
struct ServiceClientTransferTests {
    static func client(deadline: Duration, minimumTransferRate: Int) -> AWSServiceClient {
        AWSServiceClient(
            service: "s3", region: "us-east-1",
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")),
            retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(50)), deadline: deadline,
            minimumTransferRate: minimumTransferRate)
    }

    /// On loopback the kernel's send buffer grows to megabytes and drains in bursts of a third of it, and the client
    /// sees no progress while the last few megabytes drain after it has handed over the body: at this pace that is
    /// a few tenths of a second, well within the deadline, which is also the stall limit.
    @Test("an upload slower than the deadline but faster than the minimum rate succeeds")
    func slowUpload() async throws {
        let peer = try PacedPeer(.slowReader(bytesPerSecond: 16 << 20))
        defer { peer.stop() }
        let body = [UInt8](repeating: 0x62, count: 48 << 20)
        let start = ContinuousClock.now
        let response = try await Self.client(deadline: .seconds(2), minimumTransferRate: 4 << 20)
            .send("PUT", "http://127.0.0.1:\(peer.port)/bucket/key", body: body)
        #expect(response.status == 200)
        #expect(ContinuousClock.now - start > .seconds(2), "the upload was not slower than the deadline")
    }

    /// The deadline, which is also the stall limit, is 2 s: with 1 s, a full test run on two cores once starved the
    /// client's tasks long enough for its stall check to fire between two chunks sent 5 ms apart.
    @Test("a download slower than the deadline but faster than the minimum rate arrives whole")
    func slowDownload() async throws {
        let peer = try PacedPeer(.slowSender(bytes: 6 << 20, bytesPerSecond: 3 << 19))
        defer { peer.stop() }
        let start = ContinuousClock.now
        let response = try await Self.client(deadline: .seconds(2), minimumTransferRate: 256 << 10)
            .send("GET", "http://127.0.0.1:\(peer.port)/bucket/key")
        #expect(response.body == [UInt8](repeating: 0x61, count: 6 << 20))
        #expect(ContinuousClock.now - start > .seconds(2), "the download was not slower than the deadline")
    }

    /// The head comes 1.5 s into a 2-s deadline and the 100-byte body 0.8 s later, 0.3 s past the deadline: its
    /// size's transfer time alone (under a millisecond) would refuse it; the floor of a second lets it in.
    @Test("a small body that comes just after the deadline, its head before it, is taken")
    func bodyJustAfterDeadline() async throws {
        let peer = try PacedPeer(.lateAnswer(headAfter: 1.5, bodyAfter: 0.8, bytes: 100))
        defer { peer.stop() }
        let start = ContinuousClock.now
        let response = try await Self.client(deadline: .seconds(2), minimumTransferRate: 256 << 10)
            .send("GET", "http://127.0.0.1:\(peer.port)/bucket/key")
        #expect(response.body == [UInt8](repeating: 0x61, count: 100))
        #expect(ContinuousClock.now - start > .seconds(2), "the body did not come after the deadline")
    }

    @Test("a download whose body stops fails once nothing has moved for the deadline, as unreachable", .timeLimit(.minutes(1)))
    func stalledDownload() async throws {
        let peer = try PacedPeer(.stalledSender(bytes: 1 << 20))
        defer { peer.stop() }
        let start = ContinuousClock.now
        await #expect {
            _ = try await Self.client(deadline: .milliseconds(300), minimumTransferRate: 64 << 10)
                .send("GET", "http://127.0.0.1:\(peer.port)/bucket/key")
        } throws: { error in
            guard case .unreachable(let message) = error as? AWSServiceError else { return false }
            return message.contains("nothing was sent or received")
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(8), "took \(elapsed), the size allowance is 16 s")
    }

    @Test("an upload to a store that stops taking bytes fails once nothing has moved for the deadline", .timeLimit(.minutes(1)))
    func stalledUpload() async throws {
        let listener = try SilentListener()
        let body = [UInt8](repeating: 0x62, count: 24 << 20)
        let start = ContinuousClock.now
        await #expect {
            _ = try await Self.client(deadline: .milliseconds(500), minimumTransferRate: 256 << 10)
                .send("PUT", "http://127.0.0.1:\(listener.port)/bucket/key", body: body)
        } throws: { error in
            guard case .unreachable(let message) = error as? AWSServiceError else { return false }
            return message.contains("nothing was sent or received")
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(500) && elapsed < .seconds(10), "took \(elapsed), the size allowance is 96 s")
    }
}

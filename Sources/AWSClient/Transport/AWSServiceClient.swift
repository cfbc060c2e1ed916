import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends SigV4-signed requests to one AWS service (or a look-alike at a configured endpoint): each try is signed
/// anew with current credentials; throttling, server errors and lost connections are tried again under the
/// ``RetryPolicy``; any other error answer is returned to the caller at once. A whole call, every try and wait
/// included, ends by its deadline, so a store that stops answering fails a call in seconds rather than minutes:
/// a try in which nothing is sent or received for the deadline fails, and no try starts after it. Bodies that keep
/// moving get time on top at the minimum transfer rate (the request's by its size, the answer's by its
/// `Content-Length`, a second at least), so a large photo over a slow link is not cut off.
public struct AWSServiceClient: Sendable {
    /// The signing name, e.g. `s3` or `sqs`.
    public let service: String
    /// The region requests are signed for.
    public let region: String
    /// Where credentials come from.
    public let credentials: any AWSCredentialsProvider
    /// The HTTP client.
    public let http: HTTPClient
    /// When to try again.
    public let retry: RetryPolicy
    /// How long one call may take in all, its tries and the waits between them included, beyond the time its
    /// bodies are given by ``minimumTransferRate``; also how long a try may go with nothing sent or received.
    public let deadline: Duration
    /// The slowest pace, in bytes per second, a body is given time for beyond the deadline.
    public let minimumTransferRate: Int
    /// The largest body read from an answer.
    public let maximumResponseBytes: Int

    /// Error codes that mean "slow down" or "try later", whatever the status.
    static let retryableCodes: Set<String> = [
        "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled", "RequestLimitExceeded",
        "TooManyRequestsException", "ServiceUnavailable", "InternalError", "RequestTimeout",
        "RequestThrottledException", "ProvisionedThroughputExceededException",
    ]

    /// The HTTP client AWS requests use unless given another: it gives up on a connection that cannot be made
    /// (the retry policy decides about trying again) instead of retrying it until the request's deadline.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// A client for `service` in `region`.
    public init(
        service: String, region: String, credentials: any AWSCredentialsProvider,
        http: HTTPClient = AWSServiceClient.defaultHTTPClient,
        retry: RetryPolicy = RetryPolicy(), deadline: Duration = .seconds(30), minimumTransferRate: Int = 256 << 10,
        maximumResponseBytes: Int = 64 << 20
    ) {
        self.service = service
        self.region = region
        self.credentials = credentials
        self.http = http
        self.retry = retry
        self.deadline = deadline
        self.minimumTransferRate = max(1, minimumTransferRate)
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// Sends `method url` with `headers` and `body`, the body signed as `payload` (its SHA-256 by default);
    /// `serverWait` is time the service is asked to hold the answer (SQS long polling), added to the deadline.
    public func send(
        _ method: String, _ url: String, headers: [SigV4Request.Header] = [], body: [UInt8] = [],
        payload: SigV4Payload? = nil, serverWait: Duration = .zero
    ) async throws(AWSServiceError) -> AWSResponse {
        let payload = payload ?? .hashing(body)
        let clock = ContinuousClock()
        let lastTry = clock.now + deadline + serverWait
        let end = lastTry + transferTime(body.count)
        var lastFailure = AWSServiceError.unreachable("\(method) \(url): no answer within \(deadline)")
        for attempt in 1...retry.maximumAttempts {
            if attempt > 1 {
                let wait = retry.delay(after: attempt - 1)
                guard clock.now + wait < lastTry else { throw lastFailure }
                try? await Task.sleep(for: wait)
            }
            let request = try await signed(method, url, headers: headers, payload: payload)
            do {
                let response = try await execute(request, body: body, by: end, stallAfter: deadline + serverWait)
                guard response.status >= 300 else { return response }
                let detail = response.errorDetail
                lastFailure = .service(status: response.status, code: detail.code, message: detail.message)
                let retryable = response.status >= 500 || response.status == 429 || Self.retryableCodes.contains(detail.code)
                if !retryable || Task.isCancelled { throw lastFailure }
            } catch let error as AWSServiceError {
                throw error
            } catch {
                lastFailure = .unreachable("\(method) \(url): \(error)")
                if Task.isCancelled { throw lastFailure }
            }
        }
        throw lastFailure
    }

    /// Presigns a `GET` of `url`, valid for `expiresIn` seconds.
    public func presignedURL(_ url: String, expiresIn: Int) async throws(AWSServiceError) -> String {
        let signer = try await signer()
        do {
            return try signer.presignedURL(url, expiresIn: expiresIn)
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    private func signer() async throws(AWSServiceError) -> SigV4Signer {
        do {
            return SigV4Signer(credentials: try await credentials.credentials(), region: region, service: service)
        } catch {
            throw .credentials("\(error)")
        }
    }

    private func signed(
        _ method: String, _ url: String, headers: [SigV4Request.Header], payload: SigV4Payload
    ) async throws(AWSServiceError) -> HTTPClientRequest {
        let signer = try await signer()
        do {
            let unsigned = try SigV4Request(method: method, url: url, headers: headers)
            let signed = try signer.sign(unsigned, payload: payload)
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            for header in signed.headers where header.name.lowercased() != "host" {
                request.headers.add(name: header.name, value: header.value)
            }
            return request
        } catch {
            throw .invalidRequest("\(error)")
        }
    }

    /// The least time an answer's body gets beyond the deadline, however small: the deadline is checked as each
    /// chunk is read, so a body that came in time but waited for a thread to read it is not refused.
    static let minimumBodyAllowance = Duration.seconds(1)

    /// The time `bytes` take at the minimum transfer rate.
    private func transferTime(_ bytes: Int) -> Duration {
        .seconds(Double(bytes) / Double(minimumTransferRate))
    }

    /// Sends `request` with `body` and reads its answer, the head by `end` and the body by `end` plus its size's
    /// transfer time (``minimumBodyAllowance`` at least), failing the try (``TransferStalled``) once nothing has
    /// been sent or received for `stallAfter`.
    private func execute(
        _ request: HTTPClientRequest, body: [UInt8], by end: ContinuousClock.Instant, stallAfter: Duration
    ) async throws -> AWSResponse {
        let progress = TransferProgress()
        var request = request
        if !body.isEmpty {
            request.body = .stream(ProgressChunks(body, progress: progress), length: .known(Int64(body.count)))
        } else if request.method == .PUT || request.method == .POST {
            request.body = .bytes(ByteBuffer())
        }
        let sent = request
        return try await withThrowingTaskGroup(of: AWSResponse?.self) { group in
            group.addTask { try await exchange(sent, progress: progress, by: end) }
            group.addTask {
                try await progress.stall(after: stallAfter)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransferStalled(limit: stallAfter)
            }
            return response
        }
    }

    /// One request and its answer, every chunk of the answer's body recorded as progress.
    private func exchange(
        _ request: HTTPClientRequest, progress: TransferProgress, by end: ContinuousClock.Instant
    ) async throws -> AWSResponse {
        let remaining = end - ContinuousClock.now
        let response = try await http.execute(request, timeout: .nanoseconds(max(remaining, .milliseconds(1)).nanoseconds))
        progress.moved()
        var body = ByteBuffer()
        if request.method != .HEAD {
            let announced = response.headers.first(name: "content-length").flatMap(Int.init) ?? 0
            let bodyEnd = end + max(transferTime(min(announced, maximumResponseBytes)), Self.minimumBodyAllowance)
            for try await chunk in response.body {
                progress.moved()
                guard body.readableBytes + chunk.readableBytes <= maximumResponseBytes else {
                    throw NIOTooManyBytesError(maxBytes: maximumResponseBytes)
                }
                guard ContinuousClock.now <= bodyEnd else { throw BodyDeadlineExceeded() }
                body.writeImmutableBuffer(chunk)
            }
        }
        return AWSResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(body.readableBytesView))
    }
}

import HTTPTypes
import Testing

/// The flood on its own suite, which `scripts/test` runs in a round of its own: how fast a refusal comes (under
/// 2 s) measures the service only when the other suites are not sharing the two cores' cooperative threads with
/// it; beside them, refusals have taken 2.03-2.28 s.
@Suite("POST /v1/remove-background under a flood")
struct RemoveBackgroundFloodTests {
    @Test("a flood beyond the slots and the queue is refused at once with 429 and Retry-After; every request is answered")
    func flood() async throws {
        let settings = ["remove_background.concurrency": "1", "remove_background.queue": "2"]
        try await RemoveBackgroundTests().withService(settings: settings) { service, client in
            let start = ContinuousClock.now
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?, Duration).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let sent = ContinuousClock.now
                        let response = try await RemoveBackgroundTests.post(client, service)
                        return (response.status, response.headers[.retryAfter], ContinuousClock.now - sent)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let refused = answers.filter { $0.0 == .tooManyRequests }
            let processed = answers.filter { $0.0 == .ok }
            #expect(answers.count == 12 && refused.count + processed.count == 12, "\(answers.map(\.0))")
            #expect(processed.count >= 3 && refused.count >= 1, "\(answers.map(\.0))")
            for answer in refused {
                #expect(Int(answer.1 ?? "") ?? 0 >= 1)
                #expect(answer.2 < .seconds(2), "a refusal took \(answer.2)")
            }
            #expect(ContinuousClock.now - start < .seconds(120))
        }
    }
}

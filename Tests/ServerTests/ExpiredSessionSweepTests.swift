import BookplateServer
import Domain
import Foundation
import Logging
import TestSupport
import Testing

@Suite("Expired web sessions are deleted in the background", .timeLimit(.minutes(2)))
struct ExpiredSessionSweepTests {
    @Test("the sweeper deletes expired sessions and keeps live ones")
    func sweeps() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            let token = try #require(APIKeyToken(service.keys[.viewer]!))
            let key = try #require(try await service.runtime.apiKeys.find(hash: token.hash))
            let expired = WebSession.begin(for: key, lifetime: .seconds(60), now: .now.addingTimeInterval(-3600)).session
            let live = WebSession.begin(for: key, lifetime: .seconds(600)).session
            try await service.runtime.sessions.create(expired)
            try await service.runtime.sessions.create(live)
            let beforeExpiry = expired.expiresAt.addingTimeInterval(-1)
            let stored = try await service.runtime.sessions.find(tokenHash: expired.tokenHash, at: beforeExpiry)
            #expect(stored != nil, "the expired session is stored (found when asked as of before its expiry)")
            let sweeper = PeriodicService.expiredSessionSweep(
                service.runtime.sessions, interval: .milliseconds(50), logger: Logger(label: "test"))
            let running = Task { try await sweeper.run() }
            let swept = try await eventually {
                let left = try await service.runtime.sessions.find(tokenHash: expired.tokenHash, at: beforeExpiry)
                return left == nil
            }
            running.cancel()
            try await running.value
            #expect(swept)
            #expect(try await service.runtime.sessions.find(tokenHash: live.tokenHash, at: .now) != nil)
            await service.runtime.database.close()
        }
    }
}

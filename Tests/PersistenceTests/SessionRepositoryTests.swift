import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite("Web sessions and API key revocation")
struct SessionRepositoryTests {
    @Test("a session is found by its secret's hash until it expires", arguments: DatabaseEngine.allCases)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let keys = SQLAPIKeyRepository(database: test.database)
            let sessions = SQLSessionRepository(database: test.database)
            let key = try await keys.create(name: "editor", role: .editor, token: .generate())
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let (session, secret) = WebSession.begin(for: key, lifetime: .seconds(3600), now: now)
            #expect(session.tokenHash == WebSession.hash(secret: secret) && session.tokenHash != secret)
            try await sessions.create(session)
            let found = try await sessions.find(tokenHash: session.tokenHash, at: now.addingTimeInterval(10))
            #expect(found?.session == session && found?.key.id == key.id && found?.key.role == .editor)
            #expect(try await sessions.find(tokenHash: WebSession.hash(secret: "other"), at: now) == nil)
            #expect(try await sessions.find(tokenHash: session.tokenHash, at: now.addingTimeInterval(3600)) == nil)
            #expect(try await sessions.deleteExpired(at: now.addingTimeInterval(60)) == 0)
            #expect(try await sessions.deleteExpired(at: now.addingTimeInterval(3600)) == 1)
            #expect(!(try await sessions.delete(tokenHash: session.tokenHash)))
        }
    }

    @Test("signing out deletes the session; other sessions live on", arguments: DatabaseEngine.allCases)
    func signOut(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let keys = SQLAPIKeyRepository(database: test.database)
            let sessions = SQLSessionRepository(database: test.database)
            let key = try await keys.create(name: "viewer", role: .viewer, token: .generate())
            let first = WebSession.begin(for: key, lifetime: .seconds(600)).session
            let second = WebSession.begin(for: key, lifetime: .seconds(600)).session
            try await sessions.create(first)
            try await sessions.create(second)
            #expect(try await sessions.delete(tokenHash: first.tokenHash))
            #expect(try await sessions.find(tokenHash: first.tokenHash, at: .now) == nil)
            #expect(try await sessions.find(tokenHash: second.tokenHash, at: .now) != nil)
        }
    }

    @Test("revoking a key stops it authenticating and ends its sessions only", arguments: DatabaseEngine.allCases)
    func revocation(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let keys = SQLAPIKeyRepository(database: test.database)
            let sessions = SQLSessionRepository(database: test.database)
            let token = APIKeyToken.generate()
            let revoked = try await keys.create(name: "leaving", role: .admin, token: token)
            let staying = try await keys.create(name: "staying", role: .viewer, token: .generate())
            let session = WebSession.begin(for: revoked, lifetime: .seconds(600)).session
            let other = WebSession.begin(for: staying, lifetime: .seconds(600)).session
            try await sessions.create(session)
            try await sessions.create(other)
            let result = try #require(try await keys.revoke(revoked.id))
            #expect(result.revokedAt != nil)
            #expect(try await keys.find(hash: token.hash) == nil)
            #expect(try await sessions.find(tokenHash: session.tokenHash, at: .now) == nil)
            #expect(try await sessions.find(tokenHash: other.tokenHash, at: .now) != nil)
            #expect(try await keys.revoke(revoked.id)?.revokedAt == result.revokedAt)
            #expect(try await keys.revoke(UUID()) == nil)
            let listed = Dictionary(uniqueKeysWithValues: try await keys.list().map { ($0.name, $0.revokedAt != nil) })
            #expect(listed == ["leaving": true, "staying": false])
        }
    }
}

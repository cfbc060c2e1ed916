import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("API keys and roles against every endpoint class", .timeLimit(.minutes(5)))
struct AuthTests {
    /// Who calls: no key, a key the server never issued, or a real key of a role.
    enum Caller: CustomStringConvertible, CaseIterable {
        case anonymous, forged, viewer, editor, admin

        var role: Role? {
            switch self {
            case .anonymous, .forged: nil
            case .viewer: .viewer
            case .editor: .editor
            case .admin: .admin
            }
        }

        var description: String { "\(self)" }
    }

    /// One route of the API and the role it needs (nil: open to all).
    struct Route {
        let method: HTTPRequest.Method
        let path: String
        let needs: Role?
    }

    static let someID = "0b6f2ad2-8f55-4a4f-9a55-5b1f3a0c2e11"

    /// Every route the router serves.
    static let routes: [Route] = [
        Route(method: .get, path: "/health/live", needs: nil),
        Route(method: .get, path: "/health/ready", needs: nil),
        Route(method: .get, path: "/health/deep", needs: nil),
        Route(method: .get, path: "/smoke-test", needs: nil),
        Route(method: .get, path: "/metrics", needs: nil),
        Route(method: .get, path: "/openapi.yaml", needs: nil),
        Route(method: .get, path: "/books", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/photos", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/photos/primary", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/photos/\(someID)", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/photos/\(someID)/file", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/photos/\(someID)/thumbnail", needs: .viewer),
        Route(method: .get, path: "/books/\(someID)/jobs", needs: .viewer),
        Route(method: .get, path: "/jobs/\(someID)", needs: .viewer),
        Route(method: .post, path: "/books", needs: .editor),
        Route(method: .put, path: "/books/\(someID)", needs: .editor),
        Route(method: .delete, path: "/books/\(someID)", needs: .editor),
        Route(method: .post, path: "/books/\(someID)/photos", needs: .editor),
        Route(method: .put, path: "/books/\(someID)/photos/order", needs: .editor),
        Route(method: .patch, path: "/books/\(someID)/photos/\(someID)", needs: .editor),
        Route(method: .delete, path: "/books/\(someID)/photos/\(someID)", needs: .editor),
        Route(method: .post, path: "/books/\(someID)/photos/\(someID)/jobs", needs: .editor),
        Route(method: .post, path: "/imports", needs: .editor),
        Route(method: .get, path: "/admin/jobs", needs: .admin),
        Route(method: .post, path: "/admin/jobs/\(someID)/replay", needs: .admin),
        Route(method: .get, path: "/admin/dead-letters", needs: .admin),
        Route(method: .post, path: "/admin/dead-letters/\(someID)/replay", needs: .admin),
        Route(method: .post, path: "/admin/image-processing/retry-queue-failed", needs: .admin),
        Route(method: .get, path: "/admin/system-info", needs: .admin),
        Route(method: .get, path: "/admin/api-keys", needs: .admin),
        Route(method: .post, path: "/admin/api-keys", needs: .admin),
        Route(method: .delete, path: "/admin/api-keys/\(someID)", needs: .admin),
    ]

    static func headers(_ caller: Caller, _ service: TestService) -> HTTPFields {
        switch caller {
        case .anonymous: [:]
        case .forged: [.authorization: "Bearer \(APIKeyToken.generate().value)"]
        default: service.headers(caller.role!)
        }
    }

    static func allowed(_ caller: Caller, _ needs: Role?) -> Bool {
        guard let needs else { return true }
        guard let role = caller.role else { return false }
        return role.allows(needs)
    }

    @Test("every caller against every route: 401 without a valid key, 403 below the role, served otherwise")
    func matrix() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                for route in Self.routes {
                    for caller in Caller.allCases {
                        let status = try await client.execute(
                            uri: route.path, method: route.method, headers: Self.headers(caller, service)
                        ) { response in
                            if response.status.code >= 400 {
                                let error = try object(response.body)["error"] as? [String: Any]
                                #expect(error?["message"] is String, "\(route.method) \(route.path) as \(caller)")
                            }
                            return response.status
                        }
                        let expected: Set<Int>
                        if Self.allowed(caller, route.needs) {
                            expected = Set(200..<300).union([400, 404, 409, 422])
                        } else {
                            expected = caller.role == nil ? [401] : [403]
                        }
                        #expect(expected.contains(status.code), "\(route.method) \(route.path) as \(caller): \(status)")
                    }
                }
            }
        }
    }

    @Test("each role does what its class allows, with either header form", arguments: DatabaseEngine.allCases)
    func classes(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let read = try await client.execute(uri: "/books", method: .get, headers: service.headers(.viewer)) {
                    $0.status
                }
                #expect(read == .ok)
                let viaHeader = try await client.execute(
                    uri: "/books", method: .get, headers: [HTTPField.Name("X-API-Key")!: service.keys[.viewer]!]
                ) { $0.status }
                #expect(viaHeader == .ok)
                let viewerWrite = try await client.execute(
                    uri: "/books", method: .post, headers: service.headers(.viewer), body: json(#"{"title": "V"}"#)
                ) { $0.status }
                #expect(viewerWrite == .forbidden)
                for role in [Role.editor, .admin] {
                    let created = try await client.execute(
                        uri: "/books", method: .post, headers: service.headers(role), body: json(#"{"title": "E"}"#)
                    ) { $0.status }
                    #expect(created == .created)
                }
                for role in [Role.viewer, .editor] {
                    let status = try await client.execute(
                        uri: "/admin/system-info", method: .get, headers: service.headers(role)
                    ) { $0.status }
                    #expect(status == .forbidden)
                }
                let info = try await client.execute(uri: "/admin/system-info", method: .get, headers: service.headers(.admin)) {
                    $0.status
                }
                #expect(info == .ok)
                let malformed = try await client.execute(
                    uri: "/books", method: .get, headers: [.authorization: "Basic dXNlcjpwYXNz"]
                ) { $0.status }
                #expect(malformed == .unauthorized)
            }
        }
    }
}

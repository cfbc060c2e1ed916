import BookplateServer
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Persistence
import TestSupport
import Testing

/// A Bookplate service for one test: its own data folder, a database of the engine under test, the shared
/// u2netp model, loopback allowed for imports, fast worker polling, and a key for each role. The pipeline is not
/// warmed at start-up (`pipeline.preload=false`): dozens of these services run at once in one process, each with
/// its own model session, where a deployment has one (the warm-up is tested on `bookplate serve` and `worker`).
struct TestService {
    let runtime: BookplateRuntime
    let keys: [Role: String]
    let folder: TemporaryFolder

    static func make(database: TestDatabase, settings extra: [String: String] = [:]) async throws -> TestService {
        let folder = try TemporaryFolder()
        var overrides = [
            "data.dir": folder.url.path, "database.url": database.url, "database.timeout_ms": "15000",
            "models.dir": SharedFixtures.models.path,
            "pipeline.attempts": "u2netp", "import.allowed_hosts": "127.0.0.1", "http.port": "0",
            "worker.poll_ms": "50", "worker.retry_delay_ms": "0", "queue.max_receive_count": "3",
            "log.level": "error", "pipeline.preload": "false",
        ]
        overrides.merge(extra) { _, new in new }
        let reader = try await ConfigurationSources.reader(overrides: overrides, environment: [:])
        let settings = try ServerSettings(config: reader)
        var logger = Logger(label: "test-service")
        logger.logLevel = .error
        let runtime = try await BookplateRuntime.open(settings: settings, logger: logger)
        let repository = SQLAPIKeyRepository(database: database.database)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            let token = APIKeyToken.generate()
            _ = try await repository.create(name: role.rawValue, role: role, token: token)
            keys[role] = token.value
        }
        return TestService(runtime: runtime, keys: keys, folder: folder)
    }

    /// The application, with or without workers.
    func application(workers: Bool = true) -> some ApplicationProtocol {
        buildApplication(runtime: runtime, roles: ServeRoles(workers: workers, sweeper: false))
    }

    /// Headers carrying `role`'s key, plus `extra`.
    func headers(_ role: Role, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.authorization] = "Bearer \(keys[role]!)"
        return fields
    }
}

/// Decodes a JSON response body.
func decode<Value: Decodable>(_ type: Value.Type, _ body: ByteBuffer) throws -> Value {
    try JSONDecoder().decode(Value.self, from: Data(body.readableBytesView))
}

/// A JSON body.
func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// A response body as a dictionary.
func object(_ body: ByteBuffer) throws -> [String: Any] {
    guard let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
        throw TestSetupError("response is not a JSON object: \(String(buffer: body))")
    }
    return value
}

extension TestService {
    /// The files under the photo store's folder, relative to it: what the service has written.
    func storedFiles() -> Set<String> {
        let root = URL(fileURLWithPath: runtime.settings.storageDirectory)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: Set<String> = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.insert(String(url.path.dropFirst(root.path.count)))
        }
        return files
    }
}

extension TestService {
    /// Creates a book through the API as an editor; returns its id.
    func createBook(_ client: some TestClientProtocol, title: String) async throws -> String {
        try await client.execute(
            uri: "/books", method: .post, headers: headers(.editor), body: json(#"{"title": "\#(title)"}"#)
        ) { try object($0.body)["id"] as? String ?? "" }
    }

    /// Uploads the fixture at `fixture` to `book` with `query`, expecting a new photo; returns its id.
    func uploadPhoto(
        _ client: some TestClientProtocol, book: String, query: String, fixture: String = "books/fortSolitude.png"
    ) async throws -> String {
        try await client.execute(
            uri: "/books/\(book)/photos?\(query)", method: .post, headers: headers(.editor),
            body: ByteBuffer(bytes: try SharedFixtures.bytes(fixture))
        ) { response in
            #expect(response.status == .created)
            return try object(response.body)["id"] as? String ?? ""
        }
    }
}

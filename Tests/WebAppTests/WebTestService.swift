import BookplateServer
import Domain
import Foundation
import Hummingbird
import Logging
import Persistence
import TestSupport

/// A Bookplate service for one web test: its own data folder and SQLite database, no workers, a key per role, and
/// no pipeline warm-up (`pipeline.preload=false`): a test that ended while the warm-up was still starting libvips
/// and the model crashed the test process (signal 11) as it finished.
struct WebTestService {
    let runtime: BookplateRuntime
    let keys: [Role: String]
    let folder: TemporaryFolder

    static func make(database: TestDatabase) async throws -> WebTestService {
        let folder = try TemporaryFolder()
        let overrides = [
            "data.dir": folder.url.path, "database.url": database.url, "models.dir": SharedFixtures.models.path,
            "pipeline.attempts": "u2netp", "http.port": "0", "log.level": "error", "pipeline.preload": "false",
        ]
        let reader = try await ConfigurationSources.reader(overrides: overrides, environment: [:])
        var logger = Logger(label: "web-test-service")
        logger.logLevel = .error
        let runtime = try await BookplateRuntime.open(settings: try ServerSettings(config: reader), logger: logger)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            let token = APIKeyToken.generate()
            _ = try await runtime.apiKeys.create(name: "\(role.rawValue) <b>", role: role, token: token)
            keys[role] = token.value
        }
        return WebTestService(runtime: runtime, keys: keys, folder: folder)
    }

    func application() -> some ApplicationProtocol {
        buildApplication(runtime: runtime, roles: ServeRoles(workers: false, sweeper: false))
    }
}

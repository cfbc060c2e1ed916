import AsyncHTTPClient
import ServiceLifecycle

/// Keeps the import's HTTP client for the life of the service group and shuts it down at the end.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

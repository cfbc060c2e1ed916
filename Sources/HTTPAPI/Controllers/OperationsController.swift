import Foundation
import Hummingbird
import PhotoJobs

/// Unauthenticated operational endpoints: health, smoke test, metrics and the OpenAPI document.
struct OperationsController {
    let services: APIServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health/live", use: live)
        router.get("health/ready", use: ready)
        router.get("health/deep", use: deep)
        router.get("smoke-test", use: smokeTest)
        router.get("metrics", use: metrics)
        router.get("openapi.yaml", use: openAPI)
    }

    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        try health(HealthReport(status: "pass", version: services.info.version, description: "liveness", checks: [:]))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        try health(await services.health.readiness())
    }

    @Sendable func deep(_ request: Request, context: AppRequestContext) async throws -> Response {
        try health(await services.health.sharedDeep())
    }

    @Sendable func smokeTest(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(["status": "ok", "version": services.info.version, "entry_point": "http"])
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let statistics = try? await services.queue.statistics() {
            JobMetrics.queue(statistics, name: services.queue.name)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: services.metrics())))
    }

    /// `Assets/openapi.yaml`, embedded into the binary at build time (no resource bundle beside it to lose).
    private static let openAPIDocument = EmbeddedAssets.files["openapi.yaml"].flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let document = Self.openAPIDocument else {
            throw APIError(.internalServerError, code: "internal_error", message: "the OpenAPI document is missing")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }

    private func health(_ report: HealthReport) throws -> Response {
        try JSONResponse.make(
            report, status: report.status == "fail" ? .serviceUnavailable : .ok, contentType: "application/health+json")
    }
}

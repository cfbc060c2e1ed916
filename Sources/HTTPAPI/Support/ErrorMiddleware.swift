import AWSClient
import Domain
import Hummingbird
import Logging
import ObjectStorage
import Persistence

/// Turns every error into the API's one JSON error shape, and logs server-side failures.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A middleware for the router.
    public init() {}

    /// Runs the rest of the chain and maps what it throws.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as ValidationError {
            throw APIError.unprocessable(error.description)
        } catch let error as ObjectStoreError {
            switch error {
            case .invalidKey: throw APIError.badRequest(error.description, code: "invalid_key")
            case .notFound: throw APIError.notFound(error.description)
            case .unavailable, .invalidLocation:
                context.logger.error("object store failure", metadata: ["error": "\(error)"])
                throw APIError.unavailable("storage_unavailable", error.description)
            }
        } catch let error as DatabaseError {
            guard case .unavailable = error else { throw Self.internalError(error, context: context) }
            context.logger.error("database unavailable", metadata: ["error": "\(error)"])
            throw APIError.unavailable("database_unavailable", error.description)
        } catch let error as AWSServiceError {
            context.logger.error("queue failure", metadata: ["error": "\(error)"])
            throw APIError.unavailable("queue_unavailable", "the queue: \(error.description)")
        } catch let error as JobSuperseded {
            throw APIError(
                .conflict, code: "job_active",
                message: "another pending or processing job exists for the photo of job \(error.jobID)")
        } catch let error as HTTPError {
            throw Self.map(error)
        } catch let error as DecodingError {
            throw APIError.badRequest("the JSON body does not match the schema: \(Self.describe(error))", code: "invalid_json")
        } catch {
            throw Self.internalError(error, context: context)
        }
    }

    private static func internalError(_ error: any Error, context: Context) -> APIError {
        context.logger.error("request failed", metadata: ["error": "\(error)"])
        return APIError(.internalServerError, code: "internal_error", message: "the server failed; see its logs")
    }

    private static func map(_ error: HTTPError) -> APIError {
        let code: String =
            switch error.status {
            case .notFound: "not_found"
            case .contentTooLarge: "body_too_large"
            case .methodNotAllowed: "method_not_allowed"
            case .unauthorized: "unauthorized"
            case .forbidden: "forbidden"
            default: error.status.code >= 500 ? "internal_error" : "bad_request"
            }
        let message = error.body ?? error.status.reasonPhrase
        return APIError(error.status, code: code, message: message)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context)) must not be null"
        case .keyNotFound(let key, _): return "\(key.stringValue) is required"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

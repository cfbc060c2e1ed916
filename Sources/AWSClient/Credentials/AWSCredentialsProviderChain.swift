/// Tries providers in order and returns the first credentials found.
public struct AWSCredentialsProviderChain: AWSCredentialsProvider {
    /// The providers, in the order they are tried.
    public let providers: [any AWSCredentialsProvider]

    /// A chain trying `providers` in order.
    public init(_ providers: [any AWSCredentialsProvider]) {
        self.providers = providers
    }

    /// The first provider's credentials that come; if none do, ``AWSCredentialsError/noSourceSucceeded(_:)``
    /// lists every source with the reason it failed. Cancellation stops the chain at once.
    public func credentials() async throws -> AWSCredentials {
        var failures: [AWSCredentialsError] = []
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch let error as AWSCredentialsError {
                failures.append(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failures.append(.requestFailed(source: String(describing: type(of: provider)), reason: "\(error)"))
            }
        }
        throw AWSCredentialsError.noSourceSucceeded(failures)
    }
}

/// What the web app needs from the configuration.
public struct WebSettings: Sendable {
    /// How long a sign-in lasts.
    public var sessionLifetime: Duration

    /// Settings from their parts.
    public init(sessionLifetime: Duration) {
        self.sessionLifetime = sessionLifetime
    }
}

extension Duration {
    /// The duration in milliseconds, for reports and health checks.
    public var milliseconds: Double { seconds * 1000 }
}

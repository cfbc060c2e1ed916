import ServiceLifecycle

/// A service that starts only once the process is prepared, so a worker never polls a table not yet created.
public struct AfterPreparation: Service {
    private let preparation: Preparation
    private let service: any Service

    /// Runs `service` after `preparation`.
    public init(_ service: any Service, after preparation: Preparation) {
        self.service = service
        self.preparation = preparation
    }

    /// Waits for the preparation, then runs the service.
    public func run() async throws {
        try await preparation.ensure()
        try await service.run()
    }
}

/// One numbered step of the schema; its statements, then its backfill, run in one transaction on either engine.
public struct Migration: Sendable {
    /// The step's number; steps run in ascending order, each once.
    public let version: Int
    /// What the step does, for people.
    public let name: String
    /// The statements, in order.
    public let statements: [SQLStatement]
    /// Rows the statements cannot fill in SQL alone (a value computed in Swift), filled after them.
    public let backfill: (@Sendable (any SQLExecutor) async throws -> Void)?

    /// A step of `statements`, with an optional `backfill`.
    public init(
        version: Int, name: String, statements: [SQLStatement],
        backfill: (@Sendable (any SQLExecutor) async throws -> Void)? = nil
    ) {
        self.version = version
        self.name = name
        self.statements = statements
        self.backfill = backfill
    }
}

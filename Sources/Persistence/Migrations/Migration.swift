/// One numbered step of the schema; its statements run in one transaction on either engine.
public struct Migration: Sendable {
    /// The step's number; steps run in ascending order, each once.
    public let version: Int
    /// What the step does, for people.
    public let name: String
    /// The statements, in order.
    public let statements: [SQLStatement]
}

/// A field of a request that breaks a rule, with the rule in words.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field, as the API names it.
    public var field: String
    /// What is wrong with it.
    public var message: String

    /// An error for `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field message`.
    public var description: String { "\(field) \(message)" }
}

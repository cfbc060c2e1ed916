extension Dictionary where Key == String, Value == String {
    /// The value of an environment variable, or `nil` when it is unset or holds only whitespace.
    func nonEmptyValue(for name: String) -> String? {
        guard let value = self[name], !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }
}

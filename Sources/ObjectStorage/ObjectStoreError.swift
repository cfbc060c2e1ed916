/// Why an object-store operation failed.
public enum ObjectStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key is not acceptable.
    case invalidKey(String, String)
    /// Nothing is stored under the key.
    case notFound(String)
    /// The store could not be read or written.
    case unavailable(String)
    /// The configured storage address cannot be used.
    case invalidLocation(String, String)

    /// A sentence for logs and error bodies.
    public var description: String {
        switch self {
        case .invalidKey(let key, let rule): "object key '\(key.prefix(100))' \(rule)"
        case .notFound(let key): "no object is stored under '\(key)'"
        case .unavailable(let message): "object store unavailable: \(message)"
        case .invalidLocation(let location, let reason): "storage '\(location)': \(reason)"
        }
    }
}

/// What went wrong talking to the database, beyond the driver's own errors.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row lacked a column the code reads.
    case missingColumn(String)
    /// A column held a value of another type.
    case typeMismatch(column: String, expected: String)
    /// A unique constraint refused the write.
    case uniqueViolation(String)
    /// The driver failed; the message is the driver's.
    case driver(String)
    /// The database address could not be understood.
    case invalidURL(String)
    /// The server did not answer in time or cannot be reached; worth trying again shortly.
    case unavailable(String)

    /// A sentence for logs and error bodies.
    public var description: String {
        switch self {
        case .missingColumn(let column): "result has no column \(column)"
        case .typeMismatch(let column, let expected): "column \(column) is not \(expected)"
        case .uniqueViolation(let detail): "unique constraint violated: \(detail)"
        case .driver(let message): "database error: \(message)"
        case .invalidURL(let url): "not a database address: \(url) (use sqlite:PATH or postgres://USER@HOST:PORT/DB)"
        case .unavailable(let detail): "database unavailable: \(detail)"
        }
    }
}

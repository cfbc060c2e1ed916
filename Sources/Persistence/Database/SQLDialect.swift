/// The two SQL engines and the few clauses in which they differ.
public enum SQLDialect: String, Sendable {
    /// SQLite 3 (embedded).
    case sqlite
    /// PostgreSQL.
    case postgres

    /// Row locking until the transaction ends: `FOR UPDATE` on PostgreSQL; SQLite serialises writers instead.
    public var forUpdate: SQLFragment {
        switch self {
        case .sqlite: ""
        case .postgres: "FOR UPDATE"
        }
    }

    /// Row locking for claims: `FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises writers instead.
    public var forUpdateSkipLocked: SQLFragment {
        switch self {
        case .sqlite: ""
        case .postgres: "FOR UPDATE SKIP LOCKED"
        }
    }
}

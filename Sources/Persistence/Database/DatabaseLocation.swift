import Foundation
import Logging
import PostgresNIO

/// Where the database is: `sqlite:PATH` (the default, under the data folder) or `postgres://USER:PASSWORD@HOST:PORT/DB`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(host: String, port: Int, username: String, password: String?, database: String)

    /// Parses a database address.
    public init(url: String) throws(DatabaseError) {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw .invalidURL(url) }
            self = .sqlite(path: path)
            return
        }
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
            let host = components.host, !host.isEmpty, let user = components.user
        else { throw .invalidURL(url) }
        let database = String(components.path.dropFirst())
        self = .postgres(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? user : database)
    }

    /// The address with the password hidden.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let host, let port, let username, _, let database): "postgres://\(username)@\(host):\(port)/\(database)"
        }
    }

    /// Opens the database; each PostgreSQL statement or transaction gets `timeout`. A PostgreSQL database must
    /// also be run as a service (``PostgresDatabase/run()``).
    public func open(logger: Logger, timeout: Duration = .seconds(2)) async throws -> any Database {
        switch self {
        case .sqlite(let path):
            return try await SQLiteDatabase.open(path: path, logger: logger)
        case .postgres(let host, let port, let username, let password, let database):
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: .disable)
            configuration.options.maximumConnections = 16
            return PostgresDatabase(configuration: configuration, timeout: timeout, logger: logger)
        }
    }
}

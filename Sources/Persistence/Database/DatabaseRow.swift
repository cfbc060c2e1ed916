import Foundation

/// One result row by column name, with typed readers that fail with the column's name.
public struct DatabaseRow: Sendable {
    /// The values by column name.
    public let values: [String: DatabaseValue]

    /// A row from its values.
    public init(values: [String: DatabaseValue]) {
        self.values = values
    }

    private func value(_ column: String) throws(DatabaseError) -> DatabaseValue {
        guard let value = values[column] else { throw .missingColumn(column) }
        return value
    }

    /// A nullable text column.
    public func optionalString(_ column: String) throws(DatabaseError) -> String? {
        switch try value(column) {
        case .null: return nil
        case .text(let text): return text
        default: throw .typeMismatch(column: column, expected: "text")
        }
    }

    /// A text column.
    public func string(_ column: String) throws(DatabaseError) -> String {
        guard let text = try optionalString(column) else { throw .typeMismatch(column: column, expected: "text") }
        return text
    }

    /// A nullable integer column.
    public func optionalInt(_ column: String) throws(DatabaseError) -> Int? {
        switch try value(column) {
        case .null: return nil
        case .integer(let number): return Int(number)
        case .real(let number) where number.rounded() == number: return Int(number)
        case .boolean(let flag): return flag ? 1 : 0
        default: throw .typeMismatch(column: column, expected: "integer")
        }
    }

    /// An integer column.
    public func int(_ column: String) throws(DatabaseError) -> Int {
        guard let number = try optionalInt(column) else { throw .typeMismatch(column: column, expected: "integer") }
        return number
    }

    /// A nullable floating-point column (an integer-valued one may come back as an integer).
    public func optionalDouble(_ column: String) throws(DatabaseError) -> Double? {
        switch try value(column) {
        case .null: return nil
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: throw .typeMismatch(column: column, expected: "real")
        }
    }

    /// A nullable boolean column (an integer 0/1 on SQLite).
    public func optionalBool(_ column: String) throws(DatabaseError) -> Bool? {
        switch try value(column) {
        case .null: return nil
        case .boolean(let flag): return flag
        case .integer(let number): return number != 0
        default: throw .typeMismatch(column: column, expected: "boolean")
        }
    }

    /// A boolean column (an integer 0/1 on SQLite).
    public func bool(_ column: String) throws(DatabaseError) -> Bool {
        guard let flag = try optionalBool(column) else { throw .typeMismatch(column: column, expected: "boolean") }
        return flag
    }

    /// A nullable identifier column.
    public func optionalUUID(_ column: String) throws(DatabaseError) -> UUID? {
        guard let text = try optionalString(column) else { return nil }
        guard let id = UUID(uuidString: text) else { throw .typeMismatch(column: column, expected: "uuid") }
        return id
    }

    /// An identifier column.
    public func uuid(_ column: String) throws(DatabaseError) -> UUID {
        guard let id = try optionalUUID(column) else { throw .typeMismatch(column: column, expected: "uuid") }
        return id
    }

    /// A nullable time column (milliseconds since 1970).
    public func optionalDate(_ column: String) throws(DatabaseError) -> Date? {
        try optionalInt(column).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// A time column.
    public func date(_ column: String) throws(DatabaseError) -> Date {
        guard let date = try optionalDate(column) else { throw .typeMismatch(column: column, expected: "time") }
        return date
    }

    /// A string-backed enum column.
    public func enumeration<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws(DatabaseError) -> Value
    where Value.RawValue == String {
        guard let value = try optionalEnumeration(column, as: type) else {
            throw .typeMismatch(column: column, expected: "\(Value.self)")
        }
        return value
    }

    /// A string-backed enum column that may be NULL; a value the enum does not know is a type mismatch.
    public func optionalEnumeration<Value: RawRepresentable>(_ column: String, as: Value.Type) throws(DatabaseError)
        -> Value?
    where Value.RawValue == String {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Value(rawValue: text) else { throw .typeMismatch(column: column, expected: "\(Value.self)") }
        return value
    }

    /// A string-backed enum column that only describes a record, which a newer build may have written with a value
    /// this one does not know (during a rolling upgrade): NULL and such a value are both nil, so the record still
    /// reads; the value stays in the database for the build that knows it.
    public func describingEnumeration<Value: RawRepresentable>(_ column: String, as: Value.Type) throws(DatabaseError)
        -> Value?
    where Value.RawValue == String {
        try optionalString(column).flatMap(Value.init(rawValue:))
    }
}

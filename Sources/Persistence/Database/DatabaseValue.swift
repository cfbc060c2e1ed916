import Domain
import Foundation

/// A value bound to or read from a statement, in the few shapes both engines share.
public enum DatabaseValue: Sendable, Equatable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double.
    case real(Double)
    /// Text.
    case text(String)
    /// A boolean (stored as 0/1 by SQLite).
    case boolean(Bool)
}

/// A Swift type that turns into a ``DatabaseValue`` when bound.
public protocol DatabaseValueConvertible: Sendable {
    /// The value to bind.
    var databaseValue: DatabaseValue { get }
}

extension String: DatabaseValueConvertible {
    /// Text.
    public var databaseValue: DatabaseValue { .text(self) }
}

extension Int: DatabaseValueConvertible {
    /// An integer.
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
}

extension Double: DatabaseValueConvertible {
    /// A double.
    public var databaseValue: DatabaseValue { .real(self) }
}

extension Bool: DatabaseValueConvertible {
    /// A boolean.
    public var databaseValue: DatabaseValue { .boolean(self) }
}

extension UUID: DatabaseValueConvertible {
    /// Lower-case text, so that both engines compare identifiers the same way.
    public var databaseValue: DatabaseValue { .text(lowercased) }
}

extension Date: DatabaseValueConvertible {
    /// Milliseconds since 1970, the one time representation both engines store.
    public var databaseValue: DatabaseValue { .integer(Int64((timeIntervalSince1970 * 1000).rounded())) }
}

extension RawRepresentable where RawValue == String, Self: Sendable {
    /// The raw value as text, for string-backed enums.
    public var databaseValue: DatabaseValue { .text(rawValue) }
}

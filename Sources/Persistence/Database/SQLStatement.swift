/// SQL text with numbered placeholders (`$1`, `$2`, …) and the values bound to them, written by interpolation:
/// `"SELECT * FROM books WHERE id = \(bind: id)"` never splices a value into the text.
public struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    /// The text, with `$n` placeholders.
    public private(set) var sql: String
    /// The values, `$1` first.
    public private(set) var binds: [DatabaseValue]

    /// A statement without binds.
    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    /// A statement built by interpolation.
    public init(stringInterpolation: Interpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    /// Appends `other`, renumbering its placeholders after this statement's binds.
    public mutating func append(_ other: SQLStatement) {
        let offset = binds.count
        var text = ""
        var digits = ""
        func flush() {
            if let number = Int(digits) { text += "$\(number + offset)" }
            digits = ""
        }
        var inPlaceholder = false
        for character in other.sql {
            if inPlaceholder, character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if inPlaceholder {
                flush()
                inPlaceholder = false
            }
            if character == "$" {
                inPlaceholder = true
            } else {
                text.append(character)
            }
        }
        if inPlaceholder { flush() }
        sql += text
        binds += other.binds
    }

    /// Builds the text and the binds of an interpolated statement.
    public struct Interpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [DatabaseValue] = []

        /// Room for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        /// Literal SQL.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A bound value.
        public mutating func appendInterpolation(bind value: some DatabaseValueConvertible) {
            binds.append(value.databaseValue)
            sql += "$\(binds.count)"
        }

        /// A bound optional value: NULL when nil.
        public mutating func appendInterpolation<Value: DatabaseValueConvertible>(bind value: Value?) {
            binds.append(value?.databaseValue ?? .null)
            sql += "$\(binds.count)"
        }

        /// A bound value given as a ``DatabaseValue``.
        public mutating func appendInterpolation(value: DatabaseValue) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// A comma-separated list of bound values, for `IN (…)`.
        public mutating func appendInterpolation(bindList values: [some DatabaseValueConvertible]) {
            let placeholders = values.map { value in
                binds.append(value.databaseValue)
                return "$\(binds.count)"
            }
            sql += placeholders.joined(separator: ", ")
        }

        /// A fragment of SQL chosen by the code, never by a user (a dialect's clause, a column list).
        public mutating func appendInterpolation(sql fragment: SQLFragment) {
            sql += fragment.text
        }
    }
}

/// SQL text that comes from the program, never from input: dialect clauses and fixed lists.
public struct SQLFragment: Sendable, ExpressibleByStringLiteral {
    /// The text.
    public let text: String

    /// A fragment from a literal.
    public init(stringLiteral value: StaticString) {
        text = "\(value)"
    }

    /// A fragment from text the program built from literals.
    public init(trusted text: String) {
        self.text = text
    }
}

/// A key in the object store that can never name anything outside the store's folder: segments of letters, digits,
/// `.`, `_` and `-`, separated by `/`, none empty, none `.` or `..`, at most 512 characters in all.
public struct ObjectKey: Sendable, Hashable, CustomStringConvertible {
    /// The key as text.
    public let value: String

    /// A key from text, refusing anything that could escape the store.
    public init(_ value: String) throws(ObjectStoreError) {
        guard !value.isEmpty, value.utf8.count <= 512 else { throw .invalidKey(value, "must be 1 to 512 characters") }
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            guard !segment.isEmpty else { throw .invalidKey(value, "must not have empty segments or a leading /") }
            guard segment != "." && segment != ".." else { throw .invalidKey(value, "must not contain . or ..") }
            let allowed = segment.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "." || scalar == "_" || scalar == "-")
            }
            guard allowed else { throw .invalidKey(value, "may contain only letters, digits, '.', '_', '-' and '/'") }
        }
        self.value = value
    }

    /// The key as text.
    public var description: String { value }
}

/// S3's rules for bucket names: 3–63 characters of lower-case letters, digits, `.` and `-`, starting and ending
/// with a letter or digit.
enum S3BucketName {
    /// Whether `name` follows the rules.
    static func isValid(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
        let edges = [first, last].allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return allowed && edges && !name.contains("..")
    }
}

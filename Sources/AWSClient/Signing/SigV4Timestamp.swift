import Foundation

/// A signing time in the two UTC forms SigV4 uses: `20150830T123600Z` and `20150830`.
struct SigV4Timestamp: Sendable {
    /// The `x-amz-date` form, `yyyyMMdd'T'HHmmss'Z'`.
    let dateTime: String
    /// The credential-scope form, `yyyyMMdd`.
    let day: String

    /// The timestamp of `date`, to the second, in UTC.
    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        day = padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2)
        dateTime = day + "T" + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }
}

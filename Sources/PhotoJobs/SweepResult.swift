/// What one retry sweep did (DESIGN.md §3).
public struct SweepResult: Sendable, Codable, Equatable {
    /// Jobs tried.
    public var retried: Int = 0
    /// Jobs sent and now `pending`.
    public var succeeded: Int = 0
    /// Jobs that failed again and stay `queue_failed`.
    public var stillFailing: Int = 0
    /// Jobs that reached the retry limit now.
    public var permanentlyFailed: Int = 0
    /// Jobs left `processing` by a worker that died or gave up, with no message left to finish them, now `failed`.
    public var abandoned: Int = 0

    /// An empty result.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case retried, succeeded, abandoned
        case stillFailing = "still_failing"
        case permanentlyFailed = "permanently_failed"
    }
}

/// Why a listing's photo could not be fetched, each with a stable code.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code: `invalid_url`, `forbidden_address`, `too_many_redirects`, `http_status`, `too_large`,
    /// `not_an_image`, `fetch_failed`, `fetch_timeout`.
    public var code: String
    /// The reason in words.
    public var message: String

    /// An error from its parts.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `message`.
    public var description: String { message }
}

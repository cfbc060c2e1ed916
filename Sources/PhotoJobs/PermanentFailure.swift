/// The pipeline's failures that no redelivery can cure: the same bytes and models fail the same way, so running
/// inference again would only cost time. Their messages are dead-lettered at once (an admin can replay them once
/// the cause is dealt with, e.g. a model installed); every other failure — the database, the object store, the
/// queue, an inference that broke — is released for redelivery.
enum PermanentFailure {
    /// Error codes of the photo itself, of its book, or of every attempt.
    static let codes: Set<String> = [
        "empty_file", "file_too_large", "unrecognised_format", "dimensions_too_large", "decompression_bomb",
        "corrupt_image", "unsupported_output", "no_acceptable_attempt", "no_source_photo",
    ]

    /// Whether a failure with `code` is permanent.
    static func isPermanent(_ code: String) -> Bool { codes.contains(code) }
}

/// Why a model could not be used, found, checked or downloaded.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The registry has no model of that name.
    case unknownModel(String)
    /// The model's file is not in the models directory.
    case missingFile(model: String, path: String)
    /// The file's checksum matches none of the registry's.
    case checksumMismatch(model: String, actual: String, expected: [String])
    /// The ONNX Runtime library could not be loaded or used.
    case runtimeUnavailable(String)
    /// ONNX Runtime refused the model or failed to run it.
    case inferenceFailed(String)
    /// The model's output does not have the expected shape.
    case unexpectedOutput(String)
    /// A download failed.
    case downloadFailed(String)

    /// A stable identifier of the reason.
    public var code: String {
        switch self {
        case .unknownModel: "unknown_model"
        case .missingFile: "model_missing"
        case .checksumMismatch: "model_checksum_mismatch"
        case .runtimeUnavailable: "runtime_unavailable"
        case .inferenceFailed: "inference_failed"
        case .unexpectedOutput: "unexpected_model_output"
        case .downloadFailed: "download_failed"
        }
    }

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case let .unknownModel(name): "no model is called \(name); see `bookplate models list`"
        case let .missingFile(model, path): "the file of model \(model) is not at \(path); try `bookplate models pull \(model)`"
        case let .checksumMismatch(model, actual, expected):
            "the file of model \(model) has checksum \(actual), expected one of \(expected.joined(separator: ", "))"
        case let .runtimeUnavailable(detail): "ONNX Runtime is not available: \(detail)"
        case let .inferenceFailed(detail): "inference failed: \(detail)"
        case let .unexpectedOutput(detail): "the model's output is not a mask: \(detail)"
        case let .downloadFailed(detail): "the download failed: \(detail)"
        }
    }
}

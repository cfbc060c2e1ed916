// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "bookplate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bookplate", targets: ["bookplate"]),
        .library(name: "ImagePipeline", targets: ["ImagePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        .target(name: "CVipsTestImages", dependencies: ["CVips"]),
        .target(name: "CONNXRuntime", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "ImagePipeline",
            dependencies: [
                "CVipsShim",
                "CONNXRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BookplateCLI",
            dependencies: [
                "ImagePipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "bookplate", dependencies: ["BookplateCLI"], swiftSettings: strict),
        .testTarget(
            name: "ImagePipelineTests", dependencies: ["ImagePipeline", "CVipsTestImages"], swiftSettings: strict),
        .testTarget(name: "BookplateCLITests", dependencies: ["BookplateCLI", "ImagePipeline"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

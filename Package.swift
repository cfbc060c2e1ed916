// swift-tools-version:6.1
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
            name: "CPNG", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("deflate"), .linkedLibrary("isal")]),
        .target(name: "CResample"),
        .target(name: "CCompose"),
        .target(
            name: "ImagePipeline",
            dependencies: [
                "CVipsShim",
                "CONNXRuntime",
                "CPNG",
                "CResample",
                "CCompose",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BookplateCLI",
            dependencies: [
                "ImagePipeline", "BookplateServer", "Domain", "Persistence", "HTTPAPI", "LambdaWorker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Domain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Persistence",
            dependencies: [
                "Domain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "JobQueue",
            dependencies: ["Domain", "Persistence", "AWSClient"],
            swiftSettings: strict
        ),
        .target(
            name: "AWSClient",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ObjectStorage",
            dependencies: [
                "AWSClient", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PhotoJobs",
            dependencies: [
                "Domain", "Persistence", "JobQueue", "ObjectStorage", "ImagePipeline",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LambdaWorker",
            dependencies: [
                "PhotoJobs", "JobQueue",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HTTPAPI",
            dependencies: [
                "Domain", "Persistence", "JobQueue", "AWSClient", "ObjectStorage", "PhotoJobs", "ImagePipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Assets"],
            swiftSettings: strict,
            plugins: ["EmbedWebAssets"]
        ),
        .executableTarget(name: "WebAssetEmbedder", swiftSettings: strict),
        .plugin(name: "EmbedWebAssets", capability: .buildTool(), dependencies: ["WebAssetEmbedder"]),
        .target(
            name: "WebApp",
            dependencies: [
                "Domain", "Persistence", "JobQueue", "HTTPAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Assets"],
            swiftSettings: strict,
            plugins: ["EmbedWebAssets"]
        ),
        .target(
            name: "BookplateServer",
            dependencies: [
                "Domain", "Persistence", "JobQueue", "ObjectStorage", "PhotoJobs", "HTTPAPI", "ImagePipeline", "WebApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "Domain", "Persistence", "AWSClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "bookplate", dependencies: ["BookplateCLI"], swiftSettings: strict),
        .executableTarget(
            name: "QueueBenchmark",
            dependencies: [
                "JobQueue", "Persistence", "AWSClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ImagePipelineTests", dependencies: ["ImagePipeline", "CCompose", "CPNG", "CVipsTestImages", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "BookplateCLITests",
            dependencies: [
                "BookplateCLI", "BookplateServer", "ImagePipeline", "TestSupport", "Persistence", "PhotoJobs", "Domain",
                "ObjectStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(
            name: "PhotoJobsTests",
            dependencies: [
                "PhotoJobs", "JobQueue", "Persistence", "ObjectStorage", "ImagePipeline", "Domain", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "PersistenceTests", dependencies: ["Persistence", "Domain", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "JobQueueTests", dependencies: ["JobQueue", "Persistence", "Domain", "TestSupport", "AWSClient"],
            swiftSettings: strict),
        .testTarget(
            name: "ObjectStorageTests",
            dependencies: [
                "ObjectStorage", "AWSClient", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AWSClientTests",
            dependencies: [
                "AWSClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "BookplateServer", "HTTPAPI", "Persistence", "Domain", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "BookplateServer", "HTTPAPI", "PhotoJobs", "Persistence", "JobQueue", "Domain", "TestSupport",
                "ObjectStorage", "ImagePipeline",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

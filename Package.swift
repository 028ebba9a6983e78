// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loupe", targets: ["LoupeCLI"]),
        .library(name: "LoupeCore", targets: ["LoupeCore"]),
        .library(name: "LoupeCatalog", targets: ["LoupeCatalog"]),
        .library(name: "LoupeSQLite", targets: ["LoupeSQLite"]),
        .library(name: "LoupeServer", targets: ["LoupeServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // SHA-256 of API tokens (already in the graph through Hummingbird's test client).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Graceful shutdown of the job runner (already in the graph through Hummingbird).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Debian's OpenBLAS through `cblas.h`: dense products for exact k-NN, PCA and k-means.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Debian's zlib: gzip for responses when the client accepts it.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Float32 distance kernels (AVX-512F, AVX2 + FMA or portable, chosen at run time) and
        // prefetch helpers for the vector indexes.
        .target(name: "CVectorKernels"),
        // Pure computation: geometry, masks, dense math. No I/O.
        .target(name: "LoupeCore", dependencies: ["CBLAS", "CVectorKernels"]),
        // Domain model, the Store protocol, formats and services.
        .target(name: "LoupeCatalog", dependencies: ["LoupeCore"]),
        // The embedded store: one SQLite file through GRDB.
        .target(
            name: "LoupeSQLite",
            dependencies: [
                "LoupeCatalog",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding values straight into prepared statements on bulk inserts.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The HTTP server: the REST API under /api/v1, its OpenAPI document and asset serving.
        // Generic over the Store protocol; never imports a database driver.
        .target(
            name: "LoupeServer",
            dependencies: [
                "LoupeCatalog", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The web UI: plain ES modules and CSS, served as they are.
            resources: [.copy("Resources/ui")]
        ),
        .executableTarget(
            name: "LoupeCLI",
            dependencies: [
                "LoupeCatalog", "LoupeSQLite", "LoupeServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LoupeCoreTests", dependencies: ["LoupeCore"]),
        .testTarget(name: "LoupeCatalogTests", dependencies: ["LoupeCatalog"]),
        .testTarget(name: "LoupeSQLiteTests", dependencies: ["LoupeSQLite", "LoupeCatalog"]),
        .testTarget(name: "LoupeCLITests", dependencies: ["LoupeCatalog", "LoupeSQLite"]),
        .testTarget(
            name: "LoupeServerTests",
            dependencies: [
                "LoupeServer", "LoupeCatalog", "LoupeSQLite", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

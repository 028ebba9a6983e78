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
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Debian's OpenBLAS through `cblas.h`: dense products for exact k-NN, PCA and k-means.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Pure computation: geometry, masks, dense math. No I/O.
        .target(name: "LoupeCore", dependencies: ["CBLAS"]),
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
        .executableTarget(
            name: "LoupeCLI",
            dependencies: [
                "LoupeCatalog", "LoupeSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LoupeCoreTests", dependencies: ["LoupeCore"]),
        .testTarget(name: "LoupeCatalogTests", dependencies: ["LoupeCatalog"]),
        .testTarget(name: "LoupeSQLiteTests", dependencies: ["LoupeSQLite", "LoupeCatalog"]),
        .testTarget(name: "LoupeCLITests", dependencies: ["LoupeCatalog", "LoupeSQLite"]),
    ],
    swiftLanguageModes: [.v6]
)

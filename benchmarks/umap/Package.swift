// swift-tools-version:6.1
// The UMAP benchmark: LoupeCore, CBLAS and CVectorKernels compiled from the root package's sources (symlinked, like
// benchmarks/vectors) so this package builds in a minute without the root package's server
// dependencies. Run through benchmarks/umap_benchmark.py.
import PackageDescription

let package = Package(
    name: "UMAPBenchmark",
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CVectorKernels"),
        .target(name: "LoupeCore", dependencies: ["CBLAS", "CVectorKernels"]),
        .executableTarget(name: "UMAPBenchmark", dependencies: ["LoupeCore"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
// The vector-search benchmark: LoupeCore, CVectorKernels and CBLAS compiled from the root
// package's sources (symlinked, like the scratch package `.core`) so this package builds in a
// minute without the root package's server dependencies. Run through benchmarks/vector_search_benchmark.py.
import PackageDescription

let package = Package(
    name: "VectorBenchmark",
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CVectorKernels"),
        .target(name: "LoupeCore", dependencies: ["CBLAS", "CVectorKernels"]),
        .executableTarget(name: "VectorBenchmark", dependencies: ["LoupeCore"]),
    ],
    swiftLanguageModes: [.v6]
)

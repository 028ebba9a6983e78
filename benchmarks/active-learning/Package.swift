// swift-tools-version:6.1
// The active-learning benchmark: LoupeCore, CBLAS and CVectorKernels compiled from the root package's sources
// (symlinked, as in benchmarks/vectors) so this package builds in a minute without the root
// package's server dependencies. Run through benchmarks/active_learning_benchmark.py.
import PackageDescription

let package = Package(
    name: "ActiveLearningBenchmark",
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CVectorKernels"),
        .target(name: "LoupeCore", dependencies: ["CBLAS", "CVectorKernels"]),
        .executableTarget(name: "ActiveLearningBenchmark", dependencies: ["LoupeCore"]),
    ],
    swiftLanguageModes: [.v6]
)

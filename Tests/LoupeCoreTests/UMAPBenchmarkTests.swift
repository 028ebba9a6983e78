import Foundation
import LoupeCore
import Testing

/// UMAP on a seeded clustered set timed step by step. Runs only when `LOUPE_UMAP_BENCHMARK` is set
/// to the number of points (use a release build:
/// `swift build -c release --build-tests -Xswiftc -enable-testing` then
/// `LOUPE_UMAP_BENCHMARK=100000 swift test -c release --skip-build --filter UMAPBenchmarkTests`).
/// The side-by-side comparison with umap-learn is benchmarks/umap_benchmark.py.
@Suite("UMAP benchmark")
struct UMAPBenchmarkTests {
    @Test("UMAP of a seeded 10-cluster mixture, 64 dimensions",
          .enabled(if: ProcessInfo.processInfo.environment["LOUPE_UMAP_BENCHMARK"] != nil))
    func benchmark() throws {
        let n = Int(ProcessInfo.processInfo.environment["LOUPE_UMAP_BENCHMARK"] ?? "") ?? 100_000
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 10, perCluster: n / 10, dimensions: 64, separation: 3, seed: 0)
        let clock = ContinuousClock()
        let start = clock.now
        let graph = try ExactVectorIndex.neighborGraph(of: data, k: 14, metric: .l2)
        let knn = clock.now - start
        var stages = UMAP.StageTimes()
        let layout = UMAP(seed: 0).embed(graph, data: data, stageTimes: &stages)
        print("UMAP benchmark n=\(data.rows): exact 14-NN \(knn), fuzzy set \(stages.fuzzySet) s, "
              + "initialization \(stages.initialization) s, descent \(stages.descent) s")
        #expect(layout.rows == data.rows && layout.values.allSatisfy { $0.isFinite })
    }
}

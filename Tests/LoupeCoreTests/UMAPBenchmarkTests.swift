import CBLAS
import Foundation
import LoupeCore
import Testing

/// UMAP on a seeded clustered set timed step by step. Runs only when `LOUPE_UMAP_BENCHMARK` is set
/// to the number of points (use a release build:
/// `swift build -c release --build-tests -Xswiftc -enable-testing` then
/// `LOUPE_UMAP_BENCHMARK=100000 swift test -c release --skip-build --filter UMAPBenchmarkTests`).
@Suite("UMAP benchmark")
struct UMAPBenchmarkTests {
    /// The exact 14-NN graph (squared L2) by blocks of 512 query rows through `cblas_sgemm`.
    static func blockedExactGraph(_ data: RowMajorMatrix, k: Int) -> NeighborGraph {
        let n = data.rows
        let d = data.columns
        var norms = [Float](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<d { norms[i] += data.values[i * d + j] * data.values[i * d + j] } }
        let blockRows = 512
        let blocks = (n + blockRows - 1) / blockRows
        let parts = ConcurrentMap.map(count: blocks) { block -> ([Int32], [Float]) in
            let start = block * blockRows
            let rows = min(blockRows, n - start)
            var products = [Float](repeating: 0, count: rows * n)
            data.values.withUnsafeBufferPointer { values in
                products.withUnsafeMutableBufferPointer { products in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(d), 1,
                                values.baseAddress! + start * d, Int32(d), values.baseAddress, Int32(d), 0,
                                products.baseAddress, Int32(n))
                }
            }
            var neighbors = [Int32](repeating: -1, count: rows * k)
            var distances = [Float](repeating: .infinity, count: rows * k)
            for r in 0..<rows {
                let i = start + r
                var worst = Float.infinity
                var count = 0
                for j in 0..<n where j != i {
                    let distance = max(norms[i] - 2 * products[r * n + j] + norms[j], 0)
                    guard count < k || distance < worst else { continue }
                    var position = min(count, k - 1)
                    while position > 0 && distances[r * k + position - 1] > distance {
                        distances[r * k + position] = distances[r * k + position - 1]
                        neighbors[r * k + position] = neighbors[r * k + position - 1]
                        position -= 1
                    }
                    distances[r * k + position] = distance
                    neighbors[r * k + position] = Int32(j)
                    count = min(count + 1, k)
                    worst = count == k ? distances[r * k + k - 1] : .infinity
                }
            }
            return (neighbors, distances)
        }
        return NeighborGraph(count: n, k: k, metric: .l2, neighbors: parts.flatMap(\.0), distances: parts.flatMap(\.1))
    }

    @Test("UMAP of a seeded 10-cluster mixture, 64 dimensions",
          .enabled(if: ProcessInfo.processInfo.environment["LOUPE_UMAP_BENCHMARK"] != nil))
    func benchmark() {
        let n = Int(ProcessInfo.processInfo.environment["LOUPE_UMAP_BENCHMARK"] ?? "") ?? 100_000
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 10, perCluster: n / 10, dimensions: 64, separation: 3, seed: 0)
        let clock = ContinuousClock()
        var start = clock.now
        let graph = Self.blockedExactGraph(data, k: 14)
        let knn = clock.now - start
        start = clock.now
        let set = FuzzySimplicialSet(graph: graph)
        let fuzzy = clock.now - start
        start = clock.now
        let spectral = SpectralLayout(set: set.pruned(below: (set.weights.max() ?? 0) / 200), dimensions: 2, seed: 0)
        let spectralTime = clock.now - start
        start = clock.now
        let layout = UMAP(seed: 0).embed(graph)
        let total = clock.now - start
        print("UMAP benchmark n=\(data.rows): exact 14-NN \(knn), fuzzy set \(fuzzy) (\(set.entryCount) entries), "
              + "spectral \(spectralTime) (\(spectral.iterations) products), embed total \(total)")
        #expect(layout.rows == data.rows && layout.values.allSatisfy { $0.isFinite })
    }
}

import Foundation
import LoupeCore

/// Seeded data and brute-force neighbour graphs for the projection and clustering tests.
enum EmbeddingFixtures {
    /// A standard normal draw (Box–Muller on `SplitMix64`'s uniforms).
    static func normal(_ generator: inout SplitMix64) -> Float {
        let u = 1 - generator.nextUnitInterval()
        let v = generator.nextUnitInterval()
        return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
    }

    /// `clusters` spherical Gaussian blobs of `perCluster` rows in `dimensions` dimensions, unit
    /// standard deviation, centres drawn uniformly in `[-separation, separation]` per coordinate;
    /// rows interleaved by cluster. Returns the data and each row's cluster.
    static func gaussianMixture(clusters: Int, perCluster: Int, dimensions: Int, separation: Float,
                                seed: UInt64) -> (data: RowMajorMatrix, truth: [Int]) {
        var generator = SplitMix64(seed: seed)
        let centers = (0..<(clusters * dimensions)).map { _ in Float(generator.nextUnitInterval() * 2 - 1) * separation }
        var values: [Float] = []
        var truth: [Int] = []
        for _ in 0..<perCluster {
            for c in 0..<clusters {
                for j in 0..<dimensions { values.append(centers[c * dimensions + j] + normal(&generator)) }
                truth.append(c)
            }
        }
        return (RowMajorMatrix(rows: clusters * perCluster, columns: dimensions, values: values), truth)
    }

    /// The exact `k`-NN graph of the rows under squared L2 (self excluded, ties by index), from
    /// BLAS inner products.
    static func exactGraph(_ data: RowMajorMatrix, k: Int) -> NeighborGraph {
        let n = data.rows
        let products = data.innerProducts(with: data)
        let norms = (0..<n).map { products.values[$0 * n + $0] }
        var neighbors = [Int32](repeating: -1, count: n * k)
        var distances = [Float](repeating: .infinity, count: n * k)
        products.values.withUnsafeBufferPointer { p in
            for i in 0..<n {
                // Insertion into a sorted list of the k best.
                var bestIndex = [Int](repeating: -1, count: k)
                var bestDistance = [Float](repeating: .infinity, count: k)
                for j in 0..<n where j != i {
                    let distance = max(norms[i] - 2 * p[i * n + j] + norms[j], 0)
                    if distance < bestDistance[k - 1] {
                        var position = k - 1
                        while position > 0 && bestDistance[position - 1] > distance {
                            bestDistance[position] = bestDistance[position - 1]
                            bestIndex[position] = bestIndex[position - 1]
                            position -= 1
                        }
                        bestDistance[position] = distance
                        bestIndex[position] = j
                    }
                }
                for slot in 0..<k {
                    neighbors[i * k + slot] = Int32(bestIndex[slot])
                    distances[i * k + slot] = bestDistance[slot]
                }
            }
        }
        return NeighborGraph(count: n, k: k, metric: .l2, neighbors: neighbors, distances: distances)
    }
}

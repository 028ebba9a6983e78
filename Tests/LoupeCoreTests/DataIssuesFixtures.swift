import Foundation
import LoupeCore

/// Seeded data and brute-force neighbour graphs for the data-issue and slice-discovery tests.
enum DataIssuesFixtures {
    /// A standard normal draw by Box–Muller from `SplitMix64`'s own methods (repeatable everywhere).
    static func gaussian(_ g: inout SplitMix64) -> Double {
        let u = max(g.nextUnitInterval(), 0x1p-60), v = g.nextUnitInterval()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// The exact k-NN graph of `points` under `metric`, computed in `Double` and stored as `Float`,
    /// ties by index, self excluded.
    static func bruteForceGraph(_ points: [[Double]], k: Int, metric: VectorMetric) -> NeighborGraph {
        let n = points.count
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for index in a.indices { total += a[index] * b[index] }
            return total
        }
        func distance(_ a: [Double], _ b: [Double]) -> Double {
            switch metric {
            case .l2:
                var total = 0.0
                for index in a.indices { total += (a[index] - b[index]) * (a[index] - b[index]) }
                return total
            case .innerProduct:
                return -dot(a, b)
            case .cosine:
                let na = dot(a, a).squareRoot(), nb = dot(b, b).squareRoot()
                return na == 0 || nb == 0 ? 1 : 1 - dot(a, b) / (na * nb)
            }
        }
        var neighbors: [Int32] = [], distances: [Float] = []
        for i in 0..<n {
            var order: [(index: Int, distance: Double)] = []
            for j in 0..<n where j != i { order.append((j, distance(points[i], points[j]))) }
            order.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.index < b.index }
            for slot in 0..<k {
                if slot < order.count {
                    neighbors.append(Int32(order[slot].0))
                    distances.append(Float(order[slot].1))
                } else {
                    neighbors.append(-1)
                    distances.append(.infinity)
                }
            }
        }
        return NeighborGraph(count: n, k: k, metric: metric, neighbors: neighbors, distances: distances)
    }

    /// Three Gaussian clusters of different spread in `dimension` dimensions and `outliers` far points.
    static func clusteredPoints(seed: UInt64, perCluster: Int = 100, dimension: Int = 5, outliers: Int = 6) -> [[Double]] {
        var g = SplitMix64(seed: seed)
        var points: [[Double]] = []
        for (cluster, spread) in [0.5, 1.0, 2.0].enumerated() {
            let center = (0..<dimension).map { _ in 10 * gaussian(&g) + Double(cluster) }
            for _ in 0..<perCluster { points.append(center.map { $0 + spread * gaussian(&g) }) }
        }
        for _ in 0..<outliers { points.append((0..<dimension).map { _ in 25 * gaussian(&g) }) }
        return points
    }
}

/// Runs `tests/oracles/data_issues_oracle.py` (scikit-learn, cleanlab, SciPy) through `PythonOracle`.
enum DataIssuesOracle {
    /// Runs `cases` (each a JSON object with a `kind`) and returns one JSON object per case.
    static func run(_ cases: [[String: Any]]) throws -> [[String: Any]] {
        let input = try JSONSerialization.data(withJSONObject: ["cases": cases])
        let data = try PythonOracle.run(script: "data_issues_oracle.py", input: input,
                                        reference: "scikit-learn 1.9.1, cleanlab 2.9.0 and SciPy 1.17")
        guard let answers = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw PythonOracle.Failure(description: "data_issues_oracle.py did not print a list of objects")
        }
        return answers
    }

    /// `a` equals `b` to `tolerance` relative to `max(|b|, 1)`.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        a == b || abs(a - b) <= tolerance * max(abs(b), 1)
    }
}

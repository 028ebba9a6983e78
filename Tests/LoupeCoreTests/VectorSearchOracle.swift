import Foundation
import LoupeCore

/// Runs `tests/oracles/vector_search_oracle.py` (NumPy brute force in float64) through
/// `PythonOracle`; without `LOUPE_PYTHON` the calling test fails with instructions.
enum VectorSearchOracle {
    /// One case; see the script's header for the keys of each kind.
    struct Case: Encodable {
        var kind: String
        var metric: String
        var ids: [Int64]?
        var base: [[Float]]?
        var queries: [[Float]]?
        var rows: [[Float]]?
        var k: Int
        var allowed: [Int64]?
    }

    /// Per case, per query, `[id or index, score or distance]` pairs best first.
    static func run(_ cases: [Case]) throws -> [[[[Double]]]] {
        let data = try PythonOracle.run(script: "vector_search_oracle.py",
                                        input: try JSONEncoder().encode(["cases": cases]), reference: "NumPy")
        return try JSONDecoder().decode([[[[Double]]]].self, from: data)
    }

    /// Rows of a matrix as arrays.
    static func rows(_ matrix: RowMajorMatrix) -> [[Float]] {
        (0..<matrix.rows).map { Array(matrix.row($0)) }
    }
}

/// Seeded test vectors shared by the vector index tests.
enum VectorTestData {
    /// `count × dimension` points from a mixture of `clusters` Gaussian blobs (centres uniform in
    /// [-1, 1], spread `spread`), seeded.
    static func clustered(count: Int, dimension: Int, clusters: Int, spread: Float = 0.15, seed: UInt64) -> RowMajorMatrix {
        var generator = SplitMix64(seed: seed)
        let centres = (0..<(clusters * dimension)).map { _ in Float.random(in: -1...1, using: &generator) }
        var values = [Float](repeating: 0, count: count * dimension)
        for row in 0..<count {
            let cluster = Int.random(in: 0..<clusters, using: &generator)
            for column in 0..<dimension {
                // A sum of three uniforms: roughly Gaussian, cheap and seeded.
                let noise = (0..<3).reduce(Float(0)) { sum, _ in sum + Float.random(in: -1...1, using: &generator) }
                values[row * dimension + column] = centres[cluster * dimension + column] + spread * noise
            }
        }
        return RowMajorMatrix(rows: count, columns: dimension, values: values)
    }

    /// Mean share of each exact result's ids found in the approximate result of the same query.
    static func recall(_ approximate: [[VectorSearchHit]], _ exact: [[VectorSearchHit]]) -> Double {
        var found = 0, total = 0
        for (a, e) in zip(approximate, exact) {
            let ids = Set(a.map(\.id))
            found += e.filter { ids.contains($0.id) }.count
            total += e.count
        }
        return total == 0 ? 1 : Double(found) / Double(total)
    }

    /// Ids `0..<count`.
    static func ids(_ count: Int, offset: Int64 = 0) -> [Int64] { (0..<Int64(count)).map { $0 + offset } }
}

extension HNSWIndex {
    /// An approximate `k`-nearest-neighbour graph of the rows of `matrix` among themselves (a row
    /// is never its own neighbour): an HNSW index over the rows, then a search of `k + 1` per row
    /// with the row itself dropped. Distances in `metric`; ties by row index; rows with fewer
    /// than `k` neighbours found are padded with `-1` / `∞`. The approximate counterpart of
    /// ``ExactVectorIndex/neighborGraph(of:k:metric:)`` for large `n` (UMAP's pynndescent plays
    /// this role in umap-learn).
    /// - Throws: ``VectorIndexError`` `.nonFiniteValue` for NaN or an infinity.
    /// - Precondition: `k >= 0`.
    /// - Complexity: a build of `n` vectors plus `n` searches.
    public static func neighborGraph(of matrix: RowMajorMatrix, k: Int, metric: VectorMetric,
                                     parameters: HNSWParameters = HNSWParameters()) throws(VectorIndexError) -> NeighborGraph {
        precondition(k >= 0 && matrix.rows < Int(Int32.max), "neighborGraph: k = \(k), \(matrix.rows) rows")
        let n = matrix.rows
        var neighbors = [Int32](repeating: -1, count: n * k)
        var distances = [Float](repeating: .infinity, count: n * k)
        guard n > 1, k > 0, matrix.columns > 0 else {
            return NeighborGraph(count: n, k: k, metric: metric, neighbors: neighbors, distances: distances)
        }
        var index = HNSWIndex(dimension: matrix.columns, metric: metric, parameters: parameters)
        index.efSearch = max(parameters.efSearch, k + 1)
        try index.add(ids: (0..<n).map { Int64($0) }, vectors: matrix)
        let results = try index.search(queries: matrix, k: k + 1)
        for row in 0..<n {
            var slot = 0
            for hit in results[row] where hit.id != Int64(row) && slot < k {
                neighbors[row * k + slot] = Int32(hit.id)
                distances[row * k + slot] = max(metric == .innerProduct ? -.infinity : 0, metric.distance(forSimilarity: hit.score))
                slot += 1
            }
        }
        return NeighborGraph(count: n, k: k, metric: metric, neighbors: neighbors, distances: distances)
    }
}

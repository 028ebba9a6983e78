extension ExactVectorIndex {
    /// The exact `k`-nearest-neighbour graph of the rows of `matrix` among themselves (a row is
    /// never its own neighbour, but an identical other row is, at distance 0), nearest first, ties
    /// by row index; distances in `metric` (cosine rows normalized first, so a zero row is at
    /// cosine distance 1 from everything). Rows beyond `count − 1` neighbours are `-1` / `∞`.
    ///
    /// The input of UMAP, LOF, k-NN outlier scores and near-duplicate search. Computed with the
    /// blocked `cblas_sgemm` engine of ``search(queries:k:filter:)``.
    /// - Throws: ``VectorIndexError`` `.nonFiniteValue` for NaN or an infinity.
    /// - Precondition: `k >= 0`, `matrix.rows < Int32.max`.
    /// - Complexity: O(n² · d) in BLAS plus O(n²) comparisons; for n beyond ~200,000 use
    ///   ``HNSWIndex/neighborGraph(of:k:metric:parameters:)``.
    public static func neighborGraph(of matrix: RowMajorMatrix, k: Int, metric: VectorMetric) throws(VectorIndexError) -> NeighborGraph {
        precondition(k >= 0 && matrix.rows < Int(Int32.max), "neighborGraph: k = \(k), \(matrix.rows) rows")
        let n = matrix.rows
        guard n > 0, k > 0, matrix.columns > 0 else {
            return NeighborGraph(count: n, k: k, metric: metric, neighbors: Array(repeating: -1, count: n * k),
                                 distances: Array(repeating: .infinity, count: n * k))
        }
        let dimension = matrix.columns
        let prepared = try VectorKernels.prepared(matrix, dimension: dimension, metric: metric, what: "row")
        let norms = (0..<n).map { squaredNorm(prepared.values, row: $0, dimension: dimension) }
        let rowIDs = (0..<n).map { Int64($0) }
        let heaps = prepared.values.withUnsafeBufferPointer { x in
            norms.withUnsafeBufferPointer { normBuffer in
                rowIDs.withUnsafeBufferPointer { idBuffer in
                    topK(queries: x.baseAddress!, queryCount: n, database: x.baseAddress!, databaseCount: n,
                         squaredNorms: normBuffer.baseAddress!, ids: idBuffer.baseAddress!, dimension: dimension,
                         metric: metric, k: min(k, n - 1), filter: nil, excludeSameRow: true)
                }
            }
        }
        var neighbors = [Int32](repeating: -1, count: n * k)
        var distances = [Float](repeating: .infinity, count: n * k)
        for row in 0..<n {
            for (slot, hit) in heaps[row].sortedHits().enumerated() {
                let similarity = metric == .l2 ? -max(0, norms[row] - hit.score) : hit.score
                neighbors[row * k + slot] = Int32(hit.id)
                distances[row * k + slot] = max(metric == .innerProduct ? -.infinity : 0, metric.distance(forSimilarity: similarity))
            }
        }
        return NeighborGraph(count: n, k: k, metric: metric, neighbors: neighbors, distances: distances)
    }
}

extension ExactVectorIndex {
    /// The exact `k`-nearest-neighbour graph of the rows of `matrix` among themselves (a row is
    /// never its own neighbour, but an identical other row is, at distance 0), nearest first, ties
    /// by row index; distances in `metric` (cosine rows normalized first, so a zero row is at
    /// cosine distance 1 from everything). Rows beyond `count − 1` neighbours are `-1` / `∞`.
    ///
    /// The input of UMAP, LOF, k-NN outlier scores and near-duplicate search. Computed by
    /// `SymmetricNeighborSearch`: blocked `cblas_sgemm` over the upper triangle only (each pair's
    /// distance once, offered to both rows), on two workers whose lists are merged; the result does
    /// not depend on the worker count.
    /// - Throws: ``VectorIndexError`` `.nonFiniteValue` for NaN or an infinity.
    /// - Precondition: `k >= 0`, `matrix.rows < Int32.max`.
    /// - Complexity: O(n² · d / 2) in BLAS plus O(n²) comparisons; for n beyond ~200,000 use
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
        let (neighbors, distances) = SymmetricNeighborSearch.neighbors(values: prepared.values, count: n, dimension: dimension,
                                                                       k: k, metric: metric)
        return NeighborGraph(count: n, k: k, metric: metric, neighbors: neighbors, distances: distances)
    }
}

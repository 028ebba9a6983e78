import CBLAS

extension ExactVectorIndex {
    /// Queries per `cblas_sgemm` block.
    static let queryBlock = 1024
    /// Stored rows per `cblas_sgemm` block (a 1,024 × 8,192 float block of scores is 32 MiB).
    static let databaseBlock = 8192

    /// The exact `k` nearest stored vectors to each query row, best first, ties by id; see
    /// ``VectorIndex/search(queries:k:filter:)``.
    ///
    /// Scores come from `cblas_sgemm` over blocks of ``queryBlock`` queries × ``databaseBlock``
    /// rows (OpenBLAS threads the product); each block's rows are then scanned for the per-query
    /// top `k` with a bounded heap, the queries split over the processors. `filter` is called
    /// only for candidates that would enter a query's current top `k`. L2 similarities are
    /// `−max(0, ‖q‖² + ‖x‖² − 2 q·x)`, so they may differ from a direct sum of squares by rounding.
    /// - Complexity: O(q · n · d) in BLAS, O(q · n) comparisons, O(q · k log k) heap updates.
    public func search(queries: RowMajorMatrix, k: Int, filter: ((Int64) -> Bool)?) throws(VectorIndexError) -> [[VectorSearchHit]] {
        let prepared = try VectorKernels.prepared(queries, dimension: dimension, metric: metric, what: "query")
        guard k > 0, count > 0 else { return Array(repeating: [], count: queries.rows) }
        let heaps = prepared.values.withUnsafeBufferPointer { q in
            vectors.withUnsafeBufferPointer { x in
                squaredNorms.withUnsafeBufferPointer { norms in
                    ids.withUnsafeBufferPointer { ids in
                        Self.topK(queries: q.baseAddress!, queryCount: prepared.rows, database: x.baseAddress!,
                                  databaseCount: count, squaredNorms: norms.baseAddress!, ids: ids.baseAddress!,
                                  dimension: dimension, metric: metric, k: k, filter: filter, excludeSameRow: false)
                    }
                }
            }
        }
        return (0..<prepared.rows).map { row in
            let queryNorm = metric == .l2 ? Self.squaredNorm(prepared.values, row: row, dimension: dimension) : 0
            return heaps[row].sortedHits().map { hit in
                metric == .l2 ? VectorSearchHit(id: hit.id, score: -max(0, queryNorm - hit.score)) : hit
            }
        }
    }

    static func squaredNorm(_ values: [Float], row: Int, dimension: Int) -> Float {
        var sum: Float = 0
        for c in 0..<dimension { sum += values[row * dimension + c] * values[row * dimension + c] }
        return sum
    }

    /// The blocked GEMM + top-k engine behind search and the exact neighbour graph. Heap scores
    /// are `q·x` (cosine, inner product) or `2 q·x − ‖x‖²` (L2, missing the constant `−‖q‖²`).
    /// With `excludeSameRow`, query `i` never matches database row `i` (a matrix against itself).
    static func topK(queries: UnsafePointer<Float>, queryCount: Int, database: UnsafePointer<Float>,
                     databaseCount: Int, squaredNorms: UnsafePointer<Float>, ids: UnsafePointer<Int64>,
                     dimension: Int, metric: VectorMetric, k: Int, filter: ((Int64) -> Bool)?,
                     excludeSameRow: Bool) -> [VectorHitHeap] {
        var heaps = (0..<queryCount).map { _ in VectorHitHeap(capacity: min(k, databaseCount)) }
        let queryBlock = min(queryCount, Self.queryBlock)
        let databaseBlock = min(databaseCount, Self.databaseBlock)
        var scores = [Float](repeating: 0, count: queryBlock * databaseBlock)
        let isL2 = metric == .l2
        let workers = 2
        heaps.withUnsafeMutableBufferPointer { heapBuffer in
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                nonisolated(unsafe) let heapBase = heapBuffer.baseAddress!
                nonisolated(unsafe) let scoreBase = scoreBuffer.baseAddress!
                for queryStart in stride(from: 0, to: queryCount, by: queryBlock) {
                    let rows = min(queryBlock, queryCount - queryStart)
                    for databaseStart in stride(from: 0, to: databaseCount, by: databaseBlock) {
                        let columns = min(databaseBlock, databaseCount - databaseStart)
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(dimension),
                                    isL2 ? 2 : 1, queries + queryStart * dimension, Int32(dimension),
                                    database + databaseStart * dimension, Int32(dimension),
                                    0, scoreBase, Int32(columns))
                        _ = ConcurrentMap.map(count: min(workers, rows)) { worker in
                            let first = rows * worker / min(workers, rows)
                            let last = rows * (worker + 1) / min(workers, rows)
                            for row in first..<last {
                                scan(scores: scoreBase + row * columns, columns: columns, databaseStart: databaseStart,
                                     squaredNorms: isL2 ? squaredNorms : nil, ids: ids, filter: filter,
                                     skipColumn: excludeSameRow ? queryStart + row - databaseStart : -1,
                                     heap: &heapBase[queryStart + row])
                            }
                        }
                    }
                }
            }
        }
        return heaps
    }

    /// Offers one query's block of scores to its heap.
    @inline(__always)
    private static func scan(scores: UnsafeMutablePointer<Float>, columns: Int, databaseStart: Int,
                             squaredNorms: UnsafePointer<Float>?, ids: UnsafePointer<Int64>,
                             filter: ((Int64) -> Bool)?, skipColumn: Int, heap: inout VectorHitHeap) {
        if let norms = squaredNorms {
            let blockNorms = norms + databaseStart
            for column in 0..<columns { scores[column] -= blockNorms[column] }
        }
        if skipColumn >= 0 && skipColumn < columns { scores[skipColumn] = -.infinity }
        var threshold = heap.threshold
        for column in 0..<columns where scores[column] >= threshold {
            let score = scores[column]
            if score == -.infinity && skipColumn == column { continue }
            let id = ids[databaseStart + column]
            guard heap.accepts(score: score, id: id) else { continue }
            if let filter, !filter(id) { continue }
            heap.offer(score: score, id: id)
            threshold = heap.threshold
        }
    }
}

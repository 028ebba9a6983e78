extension HNSWIndex {
    /// The approximate `k` nearest live vectors to each query row, best first, ties by id; see
    /// ``VectorIndex/search(queries:k:filter:)``. Queries are spread over two threads; each
    /// searches with a candidate list of `max(efSearch, k)`.
    ///
    /// With a filter, traversal continues through filtered-out (and tombstoned) nodes and only
    /// accepted ids are returned; fewer than `k` hits come back when the search runs out of
    /// reachable accepted nodes. A very selective filter makes the search visit most of the graph:
    /// callers should fall back to exact search over the accepted ids then.
    /// - Complexity: about O(q · ef · m · log n) distance computations.
    public func search(queries: RowMajorMatrix, k: Int, filter: ((Int64) -> Bool)?) throws(VectorIndexError) -> [[VectorSearchHit]] {
        let prepared = try VectorKernels.prepared(queries, dimension: dimension, metric: metric, what: "query")
        guard k > 0, count > 0, prepared.rows > 0 else { return Array(repeating: [], count: queries.rows) }
        let graph = storage.graph(locking: false)
        let ef = max(efSearch, k)
        let m = parameters.m
        let workers = min(2, prepared.rows)
        let perWorker = prepared.values.withUnsafeBufferPointer { values in
            nonisolated(unsafe) let base = values.baseAddress!
            return ConcurrentMap.map(count: workers) { worker in
                var scratch = HNSWScratch(slotCount: graph.slotCount, m: m, ef: ef)
                let first = prepared.rows * worker / workers, last = prepared.rows * (worker + 1) / workers
                return (first..<last).map { row in
                    graph.search(query: base + row * graph.dimension, k: k, ef: ef, filter: filter, scratch: &scratch)
                }
            }
        }
        return perWorker.flatMap { $0 }
    }
}

extension Selection {
    /// Similarity to seed rows: the pool rows most like any of `seeds` (for example the failures
    /// of a slice, to find more of the same), by cosine similarity of their embeddings.
    ///
    /// Score and component `"similarity"`: `max_s cos(x, s)` over the seeds, in `[−1, 1]`; a zero
    /// vector has similarity 0 with everything (`VectorMetric.cosine`). Component `"seed"`: the
    /// seed row that attains it (ties to the lower seed row). A pool row that is itself a seed
    /// compares with itself and scores 1. Ties go to the lower row index. Computed in single
    /// precision. Reason, e.g. "cosine 0.93 to seed row 42".
    /// - Throws: `SelectionInputError` when there are no seeds, a seed is out of range, an
    ///   embedding value is not finite, or for a bad pool or a negative budget.
    /// - Complexity: O(p · s · d) for `p` pool rows and `s` seeds, in `cblas_sgemm` blocks.
    /// - Reference: the seed-set expansion of "similarity search" selection, e.g. Coleman et al.,
    ///   "Similarity search for efficient active learning and search of rare concepts", AAAI 2022.
    public static func similarity(embeddings: RowMajorMatrix, pool: [Int], seeds: [Int], budget: Int) throws(SelectionInputError) -> [SelectedRow] {
        try check(pool: pool, rowCount: embeddings.rows, budget: budget)
        guard !seeds.isEmpty else { throw SelectionInputError(reason: "similarity needs at least one seed row") }
        for row in seeds where row < 0 || row >= embeddings.rows {
            throw SelectionInputError(row: row, reason: "seed row out of range: the embeddings have \(embeddings.rows) rows")
        }
        let (similarities, closest) = try maximumCosine(embeddings: embeddings, pool: pool, seeds: seeds)
        let rows = pool.indices.map { i in
            SelectedRow(index: pool[i], score: similarities[i],
                        components: [.init(name: "similarity", value: similarities[i]), .init(name: "seed", value: Double(closest[i]))],
                        reason: "cosine \(format(similarities[i])) to seed row \(closest[i])")
        }
        return best(rows, budget: budget)
    }

    /// Per pool row (in `pool` order), the largest cosine similarity to a seed and that seed.
    /// - Complexity: O(p · s · d).
    static func maximumCosine(embeddings: RowMajorMatrix, pool: [Int], seeds: [Int]) throws(SelectionInputError) -> ([Double], [Int]) {
        let centers = Array(Set(seeds)).sorted()
        let space = try PoolEmbeddings(embeddings, rows: pool, metric: .cosine)
        var nearest = [Float](repeating: .infinity, count: pool.count)
        var ids = [Int](repeating: -1, count: pool.count)
        space.lower(&nearest, ids: &ids, centers: try PoolEmbeddings(embeddings, rows: centers, metric: .cosine), centerIDs: centers)
        return (nearest.map { Double(1 - $0) }, ids)
    }
}

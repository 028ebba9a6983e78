extension Selection {
    /// k-center greedy (farthest-first traversal): a diverse batch that covers the embedding space.
    ///
    /// Every pool row keeps its distance to the nearest *center*; the centers start as the
    /// `labeled` rows, and each step selects the pool row farthest from every center (ties to the
    /// lower row index) and makes it a center. The batch is a 2-approximation of the minimax
    /// facility location (the largest distance from any pool row to its nearest center), the
    /// core-set bound of Sener and Savarese.
    ///
    /// Without labeled rows the first pick is the pool row farthest from the pool's mean vector
    /// (ties to the lower index): on points of a line, the extremes come first, then the middle.
    ///
    /// Order and score: rows come in the order they were picked. Score and component `"distance"`:
    /// the row's distance to its nearest center when it was picked (for the first pick without
    /// labeled rows, its distance to the mean); after the first pick these are non-increasing.
    /// Distances are cosine distances `1 − cos` or Euclidean distances (the square root of
    /// `VectorMetric.l2`'s squared distance), computed in single precision by OpenBLAS `sgemm`
    /// (repeatable on one machine and thread count; near-ties may order differently under another
    /// OpenBLAS build or `OPENBLAS_NUM_THREADS`). Reason, e.g.
    /// "distance 0.42 (l2) to row 17, the nearest labeled or selected row".
    ///
    /// A pool row that is also labeled has distance 0 and comes last. A budget beyond the pool
    /// returns the whole pool (duplicates of centers scoring 0, by index).
    /// - Parameters:
    ///   - embeddings: one row per input row, `n × d`.
    ///   - labeled: the rows already labeled (any rows of `embeddings`; repeats are ignored).
    ///   - metric: `.cosine` or `.l2`.
    /// - Throws: `SelectionInputError` for the inner-product metric, a row out of range, a value
    ///   that is not finite, a bad pool or a negative budget.
    /// - Complexity: O((budget + |labeled|) · p · d) for a pool of `p` rows, the distance updates
    ///   as `cblas_sgemm` blocks; O(p · d) memory for the gathered pool.
    /// - Reference: Sener and Savarese, "Active Learning for Convolutional Neural Networks: A
    ///   Core-Set Approach", ICLR 2018, Algorithm 1; Gonzalez, "Clustering to minimize the maximum
    ///   intercluster distance", Theoretical Computer Science 38 (1985).
    public static func kCenterGreedy(embeddings: RowMajorMatrix, pool: [Int], labeled: [Int], budget: Int,
                                     metric: VectorMetric = .cosine) throws(SelectionInputError) -> [SelectedRow] {
        try check(pool: pool, rowCount: embeddings.rows, budget: budget)
        for row in labeled where row < 0 || row >= embeddings.rows {
            throw SelectionInputError(row: row, reason: "labeled row out of range: the embeddings have \(embeddings.rows) rows")
        }
        let rows = pool.sorted()
        let space = try PoolEmbeddings(embeddings, rows: rows, metric: metric)
        var nearest = [Float](repeating: .infinity, count: rows.count)
        var nearestRow = [Int](repeating: -1, count: rows.count)
        let centers = Array(Set(labeled)).sorted()
        if !centers.isEmpty {
            let labeledSpace = try PoolEmbeddings(embeddings, rows: centers, metric: metric)
            space.lower(&nearest, ids: &nearestRow, centers: labeledSpace, centerIDs: centers)
        }
        var chosen = [Bool](repeating: false, count: rows.count)
        var result: [SelectedRow] = []
        let count = min(budget, rows.count)
        result.reserveCapacity(count)
        for step in 0..<count {
            let pick: Int, distance: Double, reason: String
            if step == 0 && centers.isEmpty {
                let toMean = space.distancesToMean()
                var best = 0
                for i in 1..<rows.count where toMean[i] > toMean[best] { best = i }
                pick = best
                distance = space.reported(toMean[best])
                reason = "distance \(format(distance)) (\(metric.rawValue)) to the pool's mean, the first pick without labeled rows"
            } else {
                var best = -1
                for i in 0..<rows.count where !chosen[i] && (best < 0 || nearest[i] > nearest[best]) { best = i }
                pick = best
                distance = space.reported(nearest[best])
                reason = "distance \(format(distance)) (\(metric.rawValue)) to row \(nearestRow[best]), the nearest labeled or selected row"
            }
            chosen[pick] = true
            result.append(SelectedRow(index: rows[pick], score: distance, components: [.init(name: "distance", value: distance)],
                                      reason: reason))
            if step + 1 < count {
                let products = space.innerProducts(0..<rows.count, space.matrix, pick..<(pick + 1))
                let norm = space.squaredNorms[pick]
                for i in 0..<rows.count {
                    let d = space.distance(dot: products[i], pool: i, centerNorm: norm)
                    if d < nearest[i] {
                        nearest[i] = d
                        nearestRow[i] = rows[pick]
                    }
                }
            }
        }
        return result
    }

    /// Per pool row (in `pool` order), the distance to the nearest `labeled` row (cosine distance
    /// or Euclidean distance, as in `kCenterGreedy`), or, without labeled rows, to the pool's
    /// mean: the diversity score the `weighted` strategy combines.
    /// - Throws: as `kCenterGreedy`.
    /// - Complexity: O((|labeled| + 1) · p · d).
    public static func distancesToNearest(embeddings: RowMajorMatrix, pool: [Int], labeled: [Int],
                                          metric: VectorMetric = .cosine) throws(SelectionInputError) -> [Double] {
        try check(pool: pool, rowCount: embeddings.rows, budget: 0)
        for row in labeled where row < 0 || row >= embeddings.rows {
            throw SelectionInputError(row: row, reason: "labeled row out of range: the embeddings have \(embeddings.rows) rows")
        }
        let space = try PoolEmbeddings(embeddings, rows: pool, metric: metric)
        let centers = Array(Set(labeled)).sorted()
        guard !centers.isEmpty else { return space.distancesToMean().map(space.reported) }
        var nearest = [Float](repeating: .infinity, count: pool.count)
        var ids = [Int](repeating: -1, count: pool.count)
        space.lower(&nearest, ids: &ids, centers: try PoolEmbeddings(embeddings, rows: centers, metric: metric), centerIDs: centers)
        return nearest.map(space.reported)
    }
}

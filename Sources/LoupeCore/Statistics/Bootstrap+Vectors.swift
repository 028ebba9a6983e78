extension Bootstrap {
    /// Percentile bootstrap of several statistics computed together on each resample, for
    /// metrics that share their expensive part (sorting, cumulative counts) on the same rows.
    ///
    /// Resample `r` draws the same rows as `percentile` does for `(rowCount, r, seed)`, so a
    /// statistic bootstrapped here has the interval `percentile` would give it alone.
    /// - Parameters:
    ///   - statistics: the statistics of the rows at the given indices, always the same number
    ///     of them in the same order; an entry is `nil` where undefined. Called once on `0..<n`
    ///     and once per resample, possibly concurrently.
    ///   - Other parameters as in `percentile`.
    /// - Returns: one result per statistic, in order.
    /// - Precondition: as `percentile`; every call returns as many values as the first.
    /// - Complexity: O(resamples · (n + cost of the statistics) + k · resamples · log resamples).
    public static func percentiles(
        rowCount: Int,
        resamples: Int = defaultResamples,
        confidence: Double = defaultConfidence,
        seed: UInt64,
        statistics: (_ rows: [Int]) -> [Double?]
    ) -> [Result] {
        precondition(rowCount >= 0 && resamples >= 0, "bootstrap: negative row or resample count")
        precondition(confidence > 0 && confidence < 1, "bootstrap: confidence \(confidence) is outside (0, 1)")
        let full = statistics(Array(0..<rowCount))
        let drawn = ConcurrentMap.map(count: resamples) { r in
            let values = statistics(resampleIndices(rowCount: rowCount, resample: r, seed: seed))
            precondition(values.count == full.count, "bootstrap: the statistics changed length between resamples")
            return values
        }
        return summarize(full: full, drawn: drawn, rowCount: rowCount, resamples: resamples, confidence: confidence)
    }

    /// `percentiles` for statistics of weighted rows: each resample passes how many times each
    /// row is drawn (`multiplicities(of: resampleIndices(…))`, counted without building the
    /// index list), and the full sample passes every row once. Same resamples, same results.
    /// - Complexity: O(resamples · (n + cost of the statistics) + k · resamples · log resamples).
    public static func percentiles(
        rowCount: Int,
        resamples: Int = defaultResamples,
        confidence: Double = defaultConfidence,
        seed: UInt64,
        weightedStatistics statistics: (_ weights: [Int32]) -> [Double?]
    ) -> [Result] {
        precondition(rowCount >= 0 && resamples >= 0, "bootstrap: negative row or resample count")
        precondition(confidence > 0 && confidence < 1, "bootstrap: confidence \(confidence) is outside (0, 1)")
        let full = statistics([Int32](repeating: 1, count: rowCount))
        // Resamples in a few chunks, each reusing one weight buffer: a fresh buffer per resample
        // costs a page fault per page of it, which on 100,000 rows rivals the statistics.
        let chunkCount = Swift.min(resamples, 16)
        let chunks = ConcurrentMap.map(count: chunkCount) { chunk -> [[Double?]] in
            var weights = [Int32](repeating: 0, count: rowCount)
            return (resamples * chunk / chunkCount ..< resamples * (chunk + 1) / chunkCount).map { r in
                var generator = SplitMix64(seed: resampleSeed(seed: seed, resample: r))
                weights.withUnsafeMutableBufferPointer { weights in
                    weights.update(repeating: 0)
                    for _ in 0..<rowCount { weights[generator.nextIndex(below: rowCount)] += 1 }
                }
                let values = statistics(weights)
                precondition(values.count == full.count, "bootstrap: the statistics changed length between resamples")
                return values
            }
        }
        let drawn = chunks.flatMap { $0 }
        return summarize(full: full, drawn: drawn, rowCount: rowCount, resamples: resamples, confidence: confidence)
    }

    /// Point values and percentile intervals from the full-sample values and each resample's.
    private static func summarize(full: [Double?], drawn: [[Double?]], rowCount: Int, resamples: Int,
                                  confidence: Double) -> [Result] {
        full.indices.map { k in
            var valid = drawn.compactMap { values in values[k].flatMap { $0.isFinite ? $0 : nil } }
            valid.sort()
            var interval: Interval?
            if let lower = Quantile.linear(sorted: valid, q: (1 - confidence) / 2),
               let upper = Quantile.linear(sorted: valid, q: (1 + confidence) / 2) {
                interval = Interval(lower: lower, upper: upper, confidence: confidence)
            }
            return Result(value: full[k].flatMap { $0.isFinite ? $0 : nil }, interval: interval, support: rowCount,
                          resamples: resamples, validResamples: valid.count)
        }
    }

    /// How many times each row is drawn in `indices`: the weights of a resample.
    /// - Complexity: O(rowCount + indices.count).
    public static func multiplicities(of indices: [Int], rowCount: Int) -> [Int32] {
        var counts = [Int32](repeating: 0, count: rowCount)
        for index in indices { counts[index] += 1 }
        return counts
    }
}

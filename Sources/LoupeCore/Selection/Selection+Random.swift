extension Selection {
    /// Random sampling, the baseline every other strategy is measured against.
    ///
    /// Each pool row, taken in increasing index order, draws `u` uniform in `[0, 1)` from
    /// `SplitMix64(seed:)` (`nextUnitInterval()`); rows rank by `u` descending (ties, of
    /// probability about 2⁻⁵³, by index). The result depends only on the seed and the set of pool
    /// rows, and the first `b` rows of a larger budget are the rows of budget `b`.
    ///
    /// Score and component `"random"`: the draw `u`.
    /// - Throws: `SelectionInputError` for a bad pool or a negative budget.
    /// - Complexity: O(p log p) for a pool of `p` rows.
    /// - Reference: Settles, *Active Learning Literature Survey* (2009), the passive baseline.
    public static func random(pool: [Int], budget: Int, seed: UInt64) throws(SelectionInputError) -> [SelectedRow] {
        try check(pool: pool, rowCount: (pool.max() ?? -1) + 1, budget: budget)
        var generator = SplitMix64(seed: seed)
        let rows = pool.sorted().map { row in
            let u = generator.nextUnitInterval()
            return SelectedRow(index: row, score: u, components: [.init(name: "random", value: u)],
                               reason: "random draw \(format(u)) (seed \(seed))")
        }
        return best(rows, budget: budget)
    }
}

extension Selection {
    /// One component of a weighted combination: a named per-row score (larger is more worth
    /// labeling) and its weight.
    public struct WeightedComponent: Hashable, Sendable {
        /// The component's name, e.g. a strategy name (`"margin"`, `"k_center"`).
        public var name: String
        /// Its weight, finite and ≥ 0.
        public var weight: Double
        /// One finite score per input row.
        public var scores: [Double]

        /// A component.
        public init(name: String, weight: Double, scores: [Double]) {
            self.name = name
            self.weight = weight
            self.scores = scores
        }
    }

    /// A weighted combination of component scores, each normalized over the pool by
    /// `normalization` (see `ScoreNormalization`): score `Σ wₖ·ñₖ / Σ wₖ` in `[0, 1]`, with `ñₖ`
    /// the normalized score of component `k`.
    ///
    /// Components: each component's normalized value under its name, in the given order. Ties go
    /// to the lower row index. Reason, e.g. "0.7 × margin 0.92 + 0.3 × k_center 0.31" (normalized
    /// values).
    /// - Throws: `SelectionInputError` when there are no components, a weight is negative or not
    ///   finite, the weights sum to 0, a component's length differs from the first's, a score is
    ///   not finite, or for a bad pool or a negative budget.
    /// - Complexity: O(m · p log p) for `m` components (O(m · p) plus the final sort for min–max).
    /// - Reference: the linear combination of informativeness and representativeness of Huang,
    ///   Jin and Zhou, "Active learning by querying informative and representative examples"
    ///   (NeurIPS 2010), with the scales equalized by normalization.
    public static func weighted(_ components: [WeightedComponent], pool: [Int], budget: Int,
                                normalization: ScoreNormalization = .rank) throws(SelectionInputError) -> [SelectedRow] {
        guard let first = components.first else { throw SelectionInputError(reason: "a weighted selection needs at least one component") }
        for component in components {
            guard component.weight.isFinite && component.weight >= 0 else {
                throw SelectionInputError(reason: "the weight of \(component.name) is \(component.weight), not finite and ≥ 0")
            }
            try checkFinite(component.scores, rowCount: first.scores.count, name: component.name)
        }
        let total = components.reduce(0) { $0 + $1.weight }
        guard total > 0 else { throw SelectionInputError(reason: "the weights of a weighted selection sum to 0") }
        try check(pool: pool, rowCount: first.scores.count, budget: budget)
        let normalized = components.map { component in normalization.normalize(pool.map { component.scores[$0] }) }
        let rows = pool.indices.map { i in
            var score = 0.0
            for (k, component) in components.enumerated() { score += component.weight * normalized[k][i] }
            score /= total
            let reason = components.indices.map { k in
                "\(format(components[k].weight / total)) × \(components[k].name) \(format(normalized[k][i]))"
            }.joined(separator: " + ")
            return SelectedRow(index: pool[i], score: score,
                               components: components.indices.map { .init(name: components[$0].name, value: normalized[$0][i]) },
                               reason: reason)
        }
        return best(rows, budget: budget)
    }
}

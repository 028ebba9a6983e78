/// How a component score is mapped to `[0, 1]` over a pool before weighted combination, so that
/// components in different units (a margin, a distance, an entropy) can be added.
///
/// - `minMax`: `(s − min) / (max − min)` over the pool's values; keeps the spacing of the values,
///   so one extreme value compresses the rest.
/// - `rank`: `(r − 1) / (p − 1)` with `r` the average rank (1 = smallest, tied values share the
///   mean of their ranks, `scipy.stats.rankdata(method="average")`) among the pool's `p` values;
///   uniform over `[0, 1]`, insensitive to outliers and to any monotone rescaling.
///
/// A constant component (every value equal, or a single row) normalizes to 0 everywhere under both:
/// it cannot change the ranking.
public enum ScoreNormalization: String, Hashable, Sendable, Codable, CaseIterable {
    /// Min–max scaling.
    case minMax = "min_max"
    /// Average-rank scaling.
    case rank

    /// `values` normalized to `[0, 1]`.
    /// - Complexity: O(p) for `minMax`, O(p log p) for `rank`.
    public func normalize(_ values: [Double]) -> [Double] {
        guard let low = values.min(), let high = values.max(), high > low else { return values.map { _ in 0 } }
        switch self {
        case .minMax:
            return values.map { ($0 - low) / (high - low) }
        case .rank:
            let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
            var result = [Double](repeating: 0, count: values.count)
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
                // Positions start..<end hold ranks start+1 … end; their mean minus 1 is (start + end − 1) / 2.
                let rank = Double(start + end - 1) / 2
                for position in start..<end { result[order[position]] = rank / Double(values.count - 1) }
                start = end
            }
            return result
        }
    }
}

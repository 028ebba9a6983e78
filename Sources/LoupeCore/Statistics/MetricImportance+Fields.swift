extension MetricImportance {
    /// A numeric field's Spearman correlation with the metric, over rows where both are finite.
    static func numeric(_ name: String, _ values: [Double?], metric: [Double?], seed: UInt64,
                        parameters: Parameters) -> FieldImportance {
        var field: [Double] = [], target: [Double] = []
        for (value, y) in zip(values, metric) {
            guard let value, value.isFinite, let y, y.isFinite else { continue }
            field.append(value)
            target.append(y)
        }
        let support = field.count
        var association = NumericAssociation(rho: nil, pValue: nil)
        var strength: Double?
        // The bootstrap's full-sample value is `RankCorrelation.spearman`'s ρ (same ranks, same sums).
        let bootstrap = RankCorrelation.spearmanBootstrap(field, target, resamples: parameters.resamples,
                                                          confidence: parameters.confidence, seed: seed)
        if let rho = bootstrap.value {
            association = NumericAssociation(
                rho: MetricEstimate(value: rho, support: support, interval: bootstrap.interval),
                pValue: RankCorrelation.twoSidedPValue(rho: rho, sampleSize: support))
            if support >= parameters.minimumSupport { strength = abs(rho) }
        }
        return FieldImportance(name: name, strength: strength, support: support, association: .numeric(association))
    }

    /// A categorical field's per-value means (rare values pooled) and correlation ratio.
    static func categorical(_ name: String, _ values: [String?], metric: [Double?], seed: UInt64,
                            parameters: Parameters) -> FieldImportance {
        var rowsByValue: [String: [Double]] = [:]
        var support = 0
        for (value, y) in zip(values, metric) {
            guard let value, let y, y.isFinite else { continue }
            rowsByValue[value, default: []].append(y)
            support += 1
        }
        // Groups in a fixed order: frequent values ascending, then the pool of rare values.
        var groups: [(category: Category, seedLabel: String, metric: [Double])] = []
        var rare: [Double] = []
        var rareValues = 0
        for value in rowsByValue.keys.sorted() {
            let rows = rowsByValue[value]!
            if rows.count >= parameters.minimumCategorySize {
                groups.append((.value(value), value, rows))
            } else {
                rare.append(contentsOf: rows)
                rareValues += 1
            }
        }
        if rareValues > 0 {
            // A real value spelled "\0rare" would share this seed: harmless, seeds need not be unique.
            groups.append((.rare(valueCount: rareValues), "\u{0}rare", rare))
        }

        let summaries = groups.map { group -> CategoryGroup in
            let ys = group.metric
            let bootstrap = Bootstrap.percentile(rowCount: ys.count, resamples: parameters.resamples,
                                                 confidence: parameters.confidence,
                                                 seed: stableSeed(seed, group.seedLabel)) { rows in
                ys.withUnsafeBufferPointer { ys in
                    var sum = 0.0
                    for row in rows { sum += ys[row] }
                    return sum / Double(rows.count)
                }
            }
            return CategoryGroup(category: group.category,
                                 mean: MetricEstimate(value: mean(ys), support: ys.count, interval: bootstrap.interval))
        }
        let ratio = correlationRatio(groups.map(\.metric))
        var strength: Double?
        if support >= parameters.minimumSupport, let adjusted = ratio.adjusted {
            strength = max(0, adjusted).squareRoot()
        }
        let association = CategoricalAssociation(groups: summaries, etaSquared: ratio.etaSquared,
                                                 adjustedEtaSquared: ratio.adjusted)
        return FieldImportance(name: name, strength: strength, support: support, association: .categorical(association))
    }

    /// `η² = SS_between / SS_total` and Kelley's `ε² = 1 − (SS_within / (N − k)) / (SS_total / (N − 1))`
    /// of values split into `groups` (each non-empty). Both sums of squares are taken about the
    /// means (two passes), `SS_between = Σ n_g (ȳ_g − ȳ)²` and `SS_within = Σ Σ (y − ȳ_g)²`, never by
    /// subtraction. `nil` with fewer than 2 groups or all values equal; `ε²` also `nil` when `N ≤ k`.
    /// - Complexity: O(N).
    static func correlationRatio(_ groups: [[Double]]) -> (etaSquared: Double?, adjusted: Double?) {
        let k = groups.count
        let n = groups.reduce(0) { $0 + $1.count }
        // A constant metric is tested directly: its computed mean need not equal the constant, which
        // would leave a rounding-sized SS_total instead of 0.
        guard k >= 2, let first = groups.first?.first,
              groups.contains(where: { $0.contains { $0 != first } }) else { return (nil, nil) }
        let groupMeans = groups.map(mean)
        var total = 0.0
        for group in groups { total += group.reduce(0, +) }
        let grandMean = total / Double(n)
        var ssTotal = 0.0, ssBetween = 0.0, ssWithin = 0.0
        for (group, groupMean) in zip(groups, groupMeans) {
            for y in group {
                ssTotal += (y - grandMean) * (y - grandMean)
                ssWithin += (y - groupMean) * (y - groupMean)
            }
            ssBetween += Double(group.count) * (groupMean - grandMean) * (groupMean - grandMean)
        }
        guard ssTotal > 0 else { return (nil, nil) }
        let eta = min(1, ssBetween / ssTotal)
        guard n > k else { return (eta, nil) }
        return (eta, 1 - (ssWithin / Double(n - k)) / (ssTotal / Double(n - 1)))
    }

    /// The arithmetic mean of a non-empty array.
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}

/// A per-row metric broken down by cluster, each cluster against the whole set, flagging the
/// clusters where the model does significantly worse: the "where does my model fail" view of
/// k-means clusters (or any partition of the rows).
///
/// Definition: the metric is the mean of a per-row outcome (1/0 for correct/incorrect gives the
/// accuracy; a per-row loss or score gives its mean). For each cluster `c`, its value `m_c` is the
/// mean over its rows, the whole-set value `m` the mean over all rows, and the difference
/// `m_c − m`.
///
/// Intervals: one seeded percentile bootstrap over all rows (``Bootstrap/percentiles(rowCount:resamples:confidence:seed:weightedStatistics:)``,
/// the same resamples as every other Loupe bootstrap of `n` rows with this seed); on each resample
/// the whole-set mean, every cluster's mean and every difference are computed together, so the
/// difference's interval accounts for the cluster being part of the whole set. A cluster with no
/// row in a resample skips that resample for its own statistics.
///
/// Flag: a cluster is significantly worse when its difference's interval lies entirely on the bad
/// side of 0 (`upper < 0` when higher is better, `lower > 0` when lower is better), a two-sided
/// test at level `1 − confidence` without correction for the number of clusters (slice discovery
/// applies Benjamini–Hochberg across candidates; this report does not).
///
/// Order: worst first (the difference increasing when higher is better, decreasing otherwise),
/// ties by cluster id. Edge cases: no rows gives no whole-set value and no clusters; a cluster
/// id that no row uses is not reported; a single-row cluster gets a degenerate interval.
///
/// Reference: Efron and Tibshirani, *An Introduction to the Bootstrap* (1993), ch. 13 and 16;
/// the per-slice comparison of Eyuboglu et al., "Domino: discovering systematic errors with
/// cross-modal embeddings" (ICLR 2022).
public struct ClusterMetricReport: Hashable, Sendable {
    /// One cluster's line of the report.
    public struct Entry: Hashable, Sendable {
        /// The cluster id, as given in the assignments.
        public var cluster: Int
        /// The cluster's metric (mean outcome of its rows) with its interval; support = its rows.
        public var estimate: MetricEstimate
        /// `cluster value − whole-set value` with its interval; support = the cluster's rows.
        public var difference: MetricEstimate
        /// `true` when the difference's interval excludes 0 on the bad side.
        public var isSignificantlyWorse: Bool
    }

    /// The metric over all rows with its interval, `nil` when there are no rows.
    public var overall: MetricEstimate?
    /// One entry per cluster that has rows, worst first.
    public var entries: [Entry]
    /// Whether a larger outcome is better (accuracy) or worse (a loss).
    public var higherIsBetter: Bool

    /// The report for `outcomes[i]` of row `i` in cluster `assignments[i]`.
    /// - Parameters:
    ///   - assignments: the cluster id of each row (non-negative; e.g. ``KMeansResult/labels``).
    ///   - outcomes: the per-row outcome, finite.
    ///   - higherIsBetter: `true` for accuracy-like outcomes (default), `false` for losses.
    ///   - resamples: bootstrap resamples (default 1,000).
    ///   - confidence: the intervals' coverage (default 0.95).
    ///   - seed: the bootstrap seed; equal seeds give equal reports.
    /// - Precondition: equal lengths, non-negative ids, finite outcomes, `0 < confidence < 1`.
    /// - Complexity: O(resamples · (n + k) + k log k) time for `k` distinct ids, O(n + resamples · k) memory.
    public init(assignments: [Int], outcomes: [Double], higherIsBetter: Bool = true,
                resamples: Int = Bootstrap.defaultResamples, confidence: Double = Bootstrap.defaultConfidence,
                seed: UInt64 = 0) {
        precondition(assignments.count == outcomes.count, "ClusterMetricReport: \(assignments.count) assignments for \(outcomes.count) outcomes")
        precondition(assignments.allSatisfy { $0 >= 0 }, "ClusterMetricReport: negative cluster id")
        precondition(outcomes.allSatisfy(\.isFinite), "ClusterMetricReport: non-finite outcome")
        let ids = Array(Set(assignments)).sorted()
        var slot = [Int: Int]()
        for (position, id) in ids.enumerated() { slot[id] = position }
        let slots = assignments.map { slot[$0]! }
        let k = ids.count
        let n = outcomes.count
        // Statistics: [whole set, k cluster means, k differences].
        let results = Bootstrap.percentiles(rowCount: n, resamples: resamples, confidence: confidence, seed: seed,
                                            weightedStatistics: { (weights: [Int32]) -> [Double?] in
            var sums = [Double](repeating: 0, count: k)
            var counts = [Int](repeating: 0, count: k)
            var total = 0.0
            var totalCount = 0
            for i in 0..<n where weights[i] != 0 {
                let w = Int(weights[i])
                sums[slots[i]] += Double(w) * outcomes[i]
                counts[slots[i]] += w
                total += Double(w) * outcomes[i]
                totalCount += w
            }
            let whole: Double? = totalCount > 0 ? total / Double(totalCount) : nil
            let means: [Double?] = (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
            let differences: [Double?] = means.map { mean in mean.flatMap { mean in whole.map { mean - $0 } } }
            return [whole] + means + differences
        })
        var sizes = [Int](repeating: 0, count: k)
        for s in slots { sizes[s] += 1 }
        overall = results[0].estimate
        entries = (0..<k).compactMap { c -> Entry? in
            guard let value = results[1 + c].value, let difference = results[1 + k + c].value else { return nil }
            let differenceInterval = results[1 + k + c].interval
            let worse = differenceInterval.map { higherIsBetter ? $0.upper < 0 : $0.lower > 0 } ?? false
            return Entry(cluster: ids[c],
                         estimate: MetricEstimate(value: value, support: sizes[c], interval: results[1 + c].interval),
                         difference: MetricEstimate(value: difference, support: sizes[c], interval: differenceInterval),
                         isSignificantlyWorse: worse)
        }
        entries.sort { first, second in
            let a = first.difference.value
            let b = second.difference.value
            if a != b { return higherIsBetter ? a < b : a > b }
            return first.cluster < second.cluster
        }
        self.higherIsBetter = higherIsBetter
    }
}

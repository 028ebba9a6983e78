/// Spearman's rank correlation, its p-value and a seeded bootstrap interval.
///
/// Definition: `ρ` is Pearson's correlation of the average ranks (ties share the mean of the
/// 1-based positions they occupy, `scipy.stats.rankdata(method="average")`):
/// `ρ = Σ (rx − r̄)(ry − r̄) / √(Σ (rx − r̄)² · Σ (ry − r̄)²)` with `r̄ = (n + 1) / 2`. Average ranks
/// are multiples of ½, so the three sums are exact (below n ≈ 4·10⁵) and `ρ` is within a few ulps
/// (one product, one square root, one division); a perfectly monotone sample gives exactly ±1,
/// where NumPy's `corrcoef` may give 0.9999999999999999 (and SciPy then a p-value of about 1e-8
/// instead of 0 at n = 3).
///
/// Reference: `scipy.stats.spearmanr(x, y)` (SciPy 1.17), its `statistic` and two-sided `pvalue`.
public enum RankCorrelation {
    /// Spearman's correlation of a sample with its p-value.
    public struct Spearman: Hashable, Sendable, Codable {
        /// Spearman's `ρ`, in `[-1, 1]`.
        public var rho: Double
        /// The two-sided p-value of `ρ = 0` by the t approximation (see `twoSidedPValue`);
        /// `nil` when `n < 3` (no degrees of freedom).
        public var pValue: Double?
        /// The number of pairs `n`.
        public var support: Int

        /// A result from its parts.
        public init(rho: Double, pValue: Double?, support: Int) {
            self.rho = rho
            self.pValue = pValue
            self.support = support
        }
    }

    /// Spearman's correlation of paired samples `x[i]`, `y[i]`.
    ///
    /// Edge cases: `nil` when `n < 2`, when either side is constant (its ranks have no variance)
    /// or when a value is NaN (as SciPy returns NaN); infinities rank as the extremes.
    /// - Precondition: `x.count == y.count`.
    /// - Complexity: O(n log n).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Spearman? {
        precondition(x.count == y.count, "spearman: \(x.count) x values but \(y.count) y values")
        guard x.count >= 2, !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else { return nil }
        let pair = RankedPair(x, y)
        guard let rho = pair.rho(rows: nil) else { return nil }
        return Spearman(rho: rho, pValue: twoSidedPValue(rho: rho, sampleSize: x.count), support: x.count)
    }

    /// The average ranks of `values`, 1-based: tied values share the mean of their positions
    /// (`scipy.stats.rankdata(values, method="average")`).
    /// - Precondition: no value is NaN.
    /// - Complexity: O(n log n).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        precondition(!values.contains(where: \.isNaN), "averageRanks: NaN has no rank")
        let ranking = DenseRanking(values)
        let averages = ranking.averageRanks(counts: ranking.counts(rows: nil))
        return ranking.codes.map { averages[Int($0)] }
    }

    /// The two-sided p-value of a correlation `rho` on `sampleSize` pairs under the t approximation
    /// SciPy uses for `spearmanr` (and `pearsonr`'s asymptotic test):
    /// `t = ρ √(ν / ((1 + ρ)(1 − ρ)))` with `ν = n − 2` degrees of freedom and
    /// `p = 2 P(T_ν > |t|)`, evaluated as the identical `I_{1−ρ²}(ν/2, ½)` (the Student t tail is an
    /// incomplete beta at `ν / (ν + t²) = 1 − ρ²`), which avoids forming `t`.
    ///
    /// Edge cases: `nil` when `n < 3`; `|ρ| = 1` gives 0, `ρ = 0` gives 1.
    /// - Precondition: `-1 ≤ rho ≤ 1`.
    /// - Complexity: O(1) typically, O(√n) at worst.
    public static func twoSidedPValue(rho: Double, sampleSize: Int) -> Double? {
        precondition(rho >= -1 && rho <= 1, "correlation \(rho) is outside [-1, 1]")
        guard sampleSize >= 3 else { return nil }
        let freedom = Double(sampleSize - 2)
        let x = (1 - rho) * (1 + rho)
        return IncompleteBeta.regularized(x: x, oneMinusX: rho * rho, a: freedom / 2, b: 0.5)
    }

    /// A percentile bootstrap of Spearman's `ρ` over the pairs: `Bootstrap.percentile` with
    /// `rowCount = n`, each resample's `ρ` recomputed with its own average ranks (resamples where a
    /// side is constant are skipped). The ranks of a resample come from the full sample's order by
    /// counting, so each resample costs O(n) rather than a sort.
    ///
    /// Edge cases: `value` is `nil` where `spearman` is; every value must be non-NaN.
    /// - Precondition: `x.count == y.count`, no NaN.
    /// - Complexity: O(n log n + resamples · n).
    public static func spearmanBootstrap(
        _ x: [Double], _ y: [Double],
        resamples: Int = Bootstrap.defaultResamples,
        confidence: Double = Bootstrap.defaultConfidence,
        seed: UInt64,
        parallel: Bool = true
    ) -> Bootstrap.Result {
        precondition(x.count == y.count, "spearman: \(x.count) x values but \(y.count) y values")
        precondition(!x.contains(where: \.isNaN) && !y.contains(where: \.isNaN), "spearman bootstrap: NaN has no rank")
        let pair = RankedPair(x, y)
        return Bootstrap.percentile(rowCount: x.count, resamples: resamples, confidence: confidence, seed: seed,
                                    parallel: parallel) { rows in pair.rho(rows: rows) }
    }
}

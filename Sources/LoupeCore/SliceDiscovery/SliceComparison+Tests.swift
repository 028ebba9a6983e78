extension SliceComparison {
    /// The two-proportion z-test of `x₁ / n₁` against `x₂ / n₂` (the slice's and the complement's
    /// successes and sizes): pooled `p̂ = (x₁ + x₂) / (n₁ + n₂)`, `z = (p̂₁ − p̂₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂))`,
    /// two-sided p `erfc(|z| / √2)` (statsmodels' `proportions_ztest`); the effect's interval is
    /// Wald's, `p̂₁ − p̂₂ ± z_{(1+c)/2} √(p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂)`.
    /// Edge case: both sides all 0 or all 1 give `z = 0`, `p = 1`.
    /// - Precondition: `n₁, n₂ ≥ 1`, `0 ≤ xᵢ ≤ nᵢ`, `0 < confidence < 1`.
    /// - Complexity: O(1).
    public static func twoProportion(successes x1: Int, size n1: Int, complementSuccesses x2: Int, complementSize n2: Int,
                                     confidence: Double = 0.95) -> SliceComparison {
        precondition(n1 >= 1 && n2 >= 1 && (0...n1).contains(x1) && (0...n2).contains(x2), "twoProportion: bad counts")
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        let z = se > 0 ? (p1 - p2) / se : 0
        let wald = (p1 * (1 - p1) / Double(n1) + p2 * (1 - p2) / Double(n2)).squareRoot()
        let half = StandardNormal.quantile((1 + confidence) / 2) * wald
        return SliceComparison(test: .twoProportionZ, size: n1, complementSize: n2, sliceMean: p1, complementMean: p2,
                               effect: p1 - p2, interval: Interval(lower: p1 - p2 - half, upper: p1 - p2 + half,
                                                                   confidence: confidence),
                               statistic: z, pValue: se > 0 ? min(1, StandardNormal.twoSidedPValue(z)) : 1)
    }

    /// Welch's t-test of the slice's values against the complement's: `t = (m₁ − m₂) / s`,
    /// `s² = v₁/n₁ + v₂/n₂` (sample variances), Welch–Satterthwaite degrees of freedom
    /// `ν = s⁴ / ((v₁/n₁)²/(n₁ − 1) + (v₂/n₂)²/(n₂ − 1))`, two-sided p `I_{ν/(ν+t²)}(ν/2, ½)`
    /// (`scipy.stats.ttest_ind(a, b, equal_var=False)`); the interval is `m₁ − m₂ ± t_{ν,(1+c)/2} · s`.
    /// Edge case: both sides constant (`s = 0`): `p = 1` when the means are equal (interval the point),
    /// else `p = 0` and `t = ±∞`.
    /// - Precondition: at least 2 values on each side, all finite; `0 < confidence < 1`.
    /// - Complexity: O(n₁ + n₂).
    public static func welch(_ slice: [Double], _ complement: [Double], confidence: Double = 0.95) -> SliceComparison {
        precondition(slice.count >= 2 && complement.count >= 2, "welch: at least 2 values per side")
        func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (mean, squares / Double(values.count - 1))
        }
        let (m1, v1) = moments(slice), (m2, v2) = moments(complement)
        let n1 = Double(slice.count), n2 = Double(complement.count)
        let a = v1 / n1, b = v2 / n2
        let se = (a + b).squareRoot()
        let effect = m1 - m2
        func result(_ interval: Interval, _ t: Double, _ p: Double) -> SliceComparison {
            SliceComparison(test: .welchT, size: slice.count, complementSize: complement.count, sliceMean: m1,
                            complementMean: m2, effect: effect, interval: interval, statistic: t, pValue: p)
        }
        guard se > 0 else {
            let point = Interval(lower: effect, upper: effect, confidence: confidence)
            return effect == 0 ? result(point, 0, 1) : result(point, effect > 0 ? .infinity : -.infinity, 0)
        }
        let t = effect / se
        let nu = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1))
        let p = IncompleteBeta.regularized(x: nu / (nu + t * t), oneMinusX: t * t / (nu + t * t), a: nu / 2, b: 0.5)
        let half = StudentT.quantile((1 + confidence) / 2, degreesOfFreedom: nu) * se
        return result(Interval(lower: effect - half, upper: effect + half, confidence: confidence), t, min(1, p))
    }
}

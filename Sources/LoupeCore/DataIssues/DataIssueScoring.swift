#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared rules that turn a raw measurement into a `DataIssueReport` score and flag.
///
/// - Mapping of a distance-like measurement `r ≥ 0` (larger is worse): `exp(−r / m)` with `m` the
///   median of the defined values: 1 at `r = 0`, `e⁻¹ ≈ 0.37` for the median row, towards 0 as `r`
///   grows (Datalab's outlier score `exp(−t·d/scale)` with `t = 1` and the median as scale). The
///   mapping is monotone, so ranking by score is ranking by raw value.
/// - Flags: Tukey's fences on the defined raw values, `Q1 − c·IQR` and `Q3 + c·IQR` with the
///   quartiles of `numpy.quantile` (linear) and `c = 1.5` by default (Tukey 1977, *Exploratory
///   Data Analysis*). Robust to the outliers themselves, and flags nothing on a sample without a tail.
public enum DataIssueScoring {
    /// Tukey's fence multiplier used unless a check is told otherwise.
    public static let defaultFenceMultiplier = 1.5

    /// Tukey's lower and upper fences of the defined `values`, `nil` when none is defined.
    /// - Complexity: O(n log n).
    public static func tukeyFences(_ values: [Double?], multiplier: Double = defaultFenceMultiplier)
        -> (lower: Double, upper: Double)? {
        let sorted = values.compactMap { $0 }.sorted()
        guard let q1 = Quantile.linear(sorted: sorted, q: 0.25), let q3 = Quantile.linear(sorted: sorted, q: 0.75) else {
            return nil
        }
        let spread = q3 - q1
        return (q1 - multiplier * spread, q3 + multiplier * spread)
    }

    /// The median of the defined `values` (`numpy.median`), `nil` when none is defined.
    /// - Complexity: O(n log n).
    public static func median(_ values: [Double?]) -> Double? {
        Quantile.linear(sorted: values.compactMap { $0 }.sorted(), q: 0.5)
    }

    /// `exp(−r / scale)` for a raw value `r ≥ 0` (1 for an undefined value). A zero scale (half the
    /// rows at distance 0) gives 1 for `r = 0` and 0 for any `r > 0`.
    /// - Complexity: O(1).
    public static func exponentialScore(_ raw: Double?, scale: Double) -> Double {
        guard let raw else { return 1 }
        if raw <= 0 { return 1 }
        if scale <= 0 { return 0 }
        return exp(-raw / scale)
    }
}

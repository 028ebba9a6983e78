/// A slice's outcome against its complement's: the test, the effect and its interval.
public struct SliceComparison: Hashable, Sendable, Codable {
    /// Which test produced the p-value.
    public enum Test: String, Hashable, Sendable, Codable {
        /// Two-proportion z-test with the pooled standard error (0/1 outcomes).
        case twoProportionZ = "two_proportion_z"
        /// Welch's unequal-variance t-test (continuous outcomes).
        case welchT = "welch_t"
    }

    /// The test.
    public var test: Test
    /// Rows of the slice with an outcome.
    public var size: Int
    /// Rows of the complement with an outcome.
    public var complementSize: Int
    /// Mean outcome in the slice (accuracy for 0/1 outcomes).
    public var sliceMean: Double
    /// Mean outcome in the complement.
    public var complementMean: Double
    /// `sliceMean − complementMean`.
    public var effect: Double
    /// Interval of the effect: Wald's unpooled interval for proportions, Welch's for means.
    public var interval: Interval
    /// The z or t statistic (`±∞` when both sides are constant and differ).
    public var statistic: Double
    /// Two-sided p-value.
    public var pValue: Double
}

/// A metric's value together with how many rows (samples, pixels, resampled rows) it rests on,
/// and, when a bootstrap has been run, its confidence interval.
///
/// Loupe reports an undefined metric (no support) as a `nil` `MetricEstimate?`, never as NaN or a
/// `-1` sentinel, so `value` is always finite.
public struct MetricEstimate: Hashable, Sendable, Codable {
    /// The point estimate on the full sample.
    public var value: Double
    /// The number of rows the value was computed from; each metric documents what a row is.
    public var support: Int
    /// The confidence interval, when one was estimated.
    public var interval: Interval?

    /// An estimate from its value, support and optional interval.
    public init(value: Double, support: Int, interval: Interval? = nil) {
        self.value = value
        self.support = support
        self.interval = interval
    }

    /// The interval's lower bound, when there is an interval.
    public var lower: Double? { interval?.lower }
    /// The interval's upper bound, when there is an interval.
    public var upper: Double? { interval?.upper }
}

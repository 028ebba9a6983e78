/// A two-sided confidence interval `[lower, upper]` at a stated confidence level.
public struct Interval: Hashable, Sendable, Codable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound; `upper >= lower`.
    public var upper: Double
    /// The nominal coverage, in `(0, 1)` (0.95 for a 95 % interval).
    public var confidence: Double

    /// An interval from its bounds and confidence level.
    public init(lower: Double, upper: Double, confidence: Double) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
    }

    /// `upper - lower`.
    public var width: Double { upper - lower }

    /// `true` when `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

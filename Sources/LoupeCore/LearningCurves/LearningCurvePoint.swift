/// One observation of a learning curve: a run whose training set had `labelCount` labels for a
/// class (or slice) and whose evaluation gave that class `metric` (AP, recall, … usually in [0, 1]).
///
/// `weight` scales the point's squared residual in the fit (`1/σᵢ²` when the metric's standard error
/// is known, e.g. from a bootstrap of the evaluation; 1 otherwise). Points with `labelCount == 0` or
/// `weight == 0` are kept out of the fit and counted (`LearningCurve.ignoredPointCount`), because
/// the power law is undefined at `n = 0`.
public struct LearningCurvePoint: Hashable, Sendable, Codable {
    /// The number of training labels, `n ≥ 0`.
    public var labelCount: Int
    /// The evaluated metric; must be finite.
    public var metric: Double
    /// The least-squares weight, finite and `≥ 0` (default 1).
    public var weight: Double

    /// A point from its label count, metric and optional weight.
    public init(labelCount: Int, metric: Double, weight: Double = 1) {
        self.labelCount = labelCount
        self.metric = metric
        self.weight = weight
    }
}

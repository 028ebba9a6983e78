/// A ranking metric (ROC-AUC or average precision) computed one class against the rest, per class
/// and averaged.
public struct OneVsRestScores: Hashable, Sendable, Codable {
    /// Which ranking metric.
    public enum Metric: String, Hashable, Sendable, Codable {
        /// Area under the ROC curve.
        case rocAUC
        /// Average precision (step-wise area under the precision-recall curve).
        case averagePrecision
    }

    /// The metric.
    public var metric: Metric
    /// Per class `0..<K`, the metric of "class `c`" against "any other class" ranked by the
    /// probability column `c`; `nil` where undefined (see the metric's documentation).
    public var perClass: [Double?]
    /// Per class, the rows whose true class it is (the positives).
    public var positives: [Int]
    /// The unweighted mean over the classes where the metric is defined; support `n` rows.
    /// `nil` when it is defined for no class.
    public var macro: MetricEstimate?
    /// The mean over the classes where the metric is defined, weighted by their positives;
    /// support `n` rows. `nil` when it is defined for no class.
    public var weighted: MetricEstimate?

    /// Scores from per-class values; the averages are derived.
    public init(metric: Metric, perClass: [Double?], positives: [Int], rowCount: Int) {
        self.metric = metric
        self.perClass = perClass
        self.positives = positives
        var sum = 0.0, weightedSum = 0.0, defined = 0, weight = 0
        for (value, count) in zip(perClass, positives) {
            guard let value else { continue }
            sum += value
            defined += 1
            weightedSum += value * Double(count)
            weight += count
        }
        macro = defined > 0 ? MetricEstimate(value: sum / Double(defined), support: rowCount) : nil
        weighted = weight > 0 ? MetricEstimate(value: weightedSum / Double(weight), support: rowCount) : nil
    }

    /// The number of classes where the metric is defined.
    public var definedClasses: Int { perClass.count { $0 != nil } }
}

/// One class's totals over all rows under the per-class matching.
public struct DetectionClassSummary: Hashable, Sendable, Codable {
    /// Non-crowd ground truths of the class.
    public var groundTruths: Int
    /// Predictions of the class at or above the score threshold.
    public var predictions: Int
    /// True positives.
    public var truePositives: Int
    /// False positives.
    public var falsePositives: Int
    /// False negatives (`groundTruths - truePositives`).
    public var falseNegatives: Int
    /// Predictions absorbed by crowd regions.
    public var ignored: Int
    /// The confidence threshold of highest F1, over the thresholds equal to the class's kept
    /// prediction scores (ties toward the higher threshold); with ground truth but no kept
    /// prediction, the empty point (threshold `nil`, F1 0); `nil` when the class has neither.
    public var bestF1: DetectionOperatingPoint?
}

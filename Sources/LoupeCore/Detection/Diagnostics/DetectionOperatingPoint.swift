/// A class's confidence threshold that maximizes F1, with the counts there.
///
/// Keeping the predictions with `score >= scoreThreshold` gives exactly these counts: matching
/// is greedy in descending score, so raising the threshold only drops the tail of the order and
/// leaves the earlier matches as they were.
public struct DetectionOperatingPoint: Hashable, Sendable, Codable {
    /// The lowest score kept; `nil` when the class has no prediction to keep.
    public var scoreThreshold: Double?
    /// `2·TP / (2·TP + FP + FN)`; 0 when there is no true positive.
    public var f1: Double
    /// `TP / (TP + FP)`; `nil` when no counted prediction is kept (all absorbed by crowds, or none).
    public var precision: Double?
    /// `TP / (TP + FN)`; `nil` when the class has no non-crowd ground truth.
    public var recall: Double?
    /// True positives at this threshold.
    public var truePositives: Int
    /// False positives at this threshold.
    public var falsePositives: Int
    /// False negatives at this threshold.
    public var falseNegatives: Int

    /// The point for given counts (F1, precision and recall derived; `groundTruths >= truePositives`).
    public init(scoreThreshold: Double?, truePositives: Int, falsePositives: Int, groundTruths: Int) {
        self.scoreThreshold = scoreThreshold
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = groundTruths - truePositives
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        self.f1 = truePositives > 0 ? Double(2 * truePositives) / Double(denominator) : 0
        self.precision = truePositives + falsePositives > 0
            ? Double(truePositives) / Double(truePositives + falsePositives) : nil
        self.recall = groundTruths > 0 ? Double(truePositives) / Double(groundTruths) : nil
    }
}

/// Precision, recall and F1 of one class, from a confusion matrix, as scikit-learn's
/// `precision_recall_fscore_support(average=None)` defines them:
///
/// - precision = TP / (TP + FP), `nil` when the class was never predicted;
/// - recall = TP / (TP + FN), `nil` when the class never occurs in the truth;
/// - F1 = 2·TP / (2·TP + FP + FN), `nil` only when the class occurs in neither.
///
/// F1 is defined (and 0) for a class that was predicted but never true, or true but never
/// predicted, even though one of precision or recall is then undefined; this is scikit-learn's
/// formula `(1 + β²)·TP / (β²·(TP + FN) + TP + FP)`. Where Loupe reports `nil`, scikit-learn
/// substitutes `zero_division` (0 by default, with a warning).
public struct ClassScores: Hashable, Sendable, Codable {
    /// The class index.
    public var classIndex: Int
    /// TP / (TP + FP); `nil` when `predictedCount == 0`.
    public var precision: Double?
    /// TP / (TP + FN); `nil` when `support == 0`.
    public var recall: Double?
    /// 2·TP / (support + predictedCount); `nil` when both are 0.
    public var f1: Double?
    /// True positives: rows of this class predicted as it.
    public var truePositives: Int
    /// Rows whose true class this is (scikit-learn's `support`).
    public var support: Int
    /// Rows predicted as this class.
    public var predictedCount: Int

    /// Scores from the three counts that determine them.
    public init(classIndex: Int, truePositives: Int, support: Int, predictedCount: Int) {
        self.classIndex = classIndex
        self.truePositives = truePositives
        self.support = support
        self.predictedCount = predictedCount
        let tp = Double(truePositives)
        precision = predictedCount > 0 ? tp / Double(predictedCount) : nil
        recall = support > 0 ? tp / Double(support) : nil
        f1 = support + predictedCount > 0 ? 2 * tp / Double(support + predictedCount) : nil
    }
}

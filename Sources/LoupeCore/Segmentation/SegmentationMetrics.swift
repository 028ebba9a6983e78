/// Semantic segmentation scores from a pixel confusion matrix (rows ground truth, columns
/// prediction), accumulated over a whole dataset.
///
/// Per class `c` with `TP` the diagonal entry, `FP` the rest of its column and `FN` the rest of its row:
/// - IoU = TP / (TP + FP + FN), Dice = 2·TP / (2·TP + FP + FN); both `nil` when the class is
///   absent from both ground truth and prediction (0 / 0). A class predicted but never true, or
///   true but never predicted, scores 0.
/// - accuracy (recall) = TP / (TP + FN), `nil` when the class has no ground-truth pixels.
///
/// Means run over the classes where the value is defined (mmsegmentation's `nanmean`), and each
/// carries the counted pixels as support.
public struct SegmentationMetrics: Hashable, Sendable, Codable {
    /// The scores of one class.
    public struct ClassScores: Hashable, Sendable, Codable {
        /// The class index.
        public var classIndex: Int
        /// TP / (TP + FP + FN); `nil` when absent from both.
        public var intersectionOverUnion: Double?
        /// 2·TP / (2·TP + FP + FN); `nil` when absent from both.
        public var dice: Double?
        /// TP / (TP + FN); `nil` without ground-truth pixels.
        public var accuracy: Double?
        /// Pixels of this class in both ground truth and prediction (TP).
        public var intersection: Int
        /// Ground-truth pixels of this class (TP + FN).
        public var groundTruthPixels: Int
        /// Predicted pixels of this class (TP + FP).
        public var predictedPixels: Int
    }

    /// Per class `0..<K`.
    public var classes: [ClassScores]
    /// Correct pixels over counted pixels (the trace over the total); `nil` when nothing was counted.
    public var pixelAccuracy: MetricEstimate?
    /// The mean IoU over classes where it is defined; `nil` when none is.
    public var meanIntersectionOverUnion: MetricEstimate?
    /// The mean Dice over classes where it is defined; `nil` when none is.
    public var meanDice: MetricEstimate?
    /// The mean per-class accuracy over classes with ground-truth pixels (mmsegmentation's mAcc).
    public var meanClassAccuracy: MetricEstimate?
    /// The counted pixels (ignored pixels excluded).
    public var pixels: Int

    /// The scores of a pixel confusion matrix.
    /// - Complexity: O(K²).
    public init(confusion: ConfusionMatrix) {
        let truth = confusion.truthCounts, predicted = confusion.predictedCounts
        let total = confusion.total
        classes = (0..<confusion.classCount).map { c in
            let tp = confusion[c, c]
            let union = truth[c] + predicted[c] - tp
            return ClassScores(
                classIndex: c,
                intersectionOverUnion: union > 0 ? Double(tp) / Double(union) : nil,
                dice: union > 0 ? Double(2 * tp) / Double(truth[c] + predicted[c]) : nil,
                accuracy: truth[c] > 0 ? Double(tp) / Double(truth[c]) : nil,
                intersection: tp, groundTruthPixels: truth[c], predictedPixels: predicted[c])
        }
        pixels = total
        pixelAccuracy = total > 0 ? MetricEstimate(value: Double(confusion.correct) / Double(total), support: total) : nil
        func mean(_ values: [Double?]) -> MetricEstimate? {
            let defined = values.compactMap { $0 }
            guard !defined.isEmpty else { return nil }
            return MetricEstimate(value: defined.reduce(0, +) / Double(defined.count), support: total)
        }
        meanIntersectionOverUnion = mean(classes.map(\.intersectionOverUnion))
        meanDice = mean(classes.map(\.dice))
        meanClassAccuracy = mean(classes.map(\.accuracy))
    }
}

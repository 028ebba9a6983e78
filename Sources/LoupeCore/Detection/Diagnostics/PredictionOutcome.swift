/// What one prediction of a row turned out to be.
public enum PredictionOutcome: Hashable, Sendable, Codable {
    /// Matched the same-class ground truth `groundTruth` with this IoU.
    case truePositive(groundTruth: Int, iou: Double)
    /// Matched nothing, for this reason.
    case falsePositive(FalsePositiveReason)
    /// Absorbed by the same-class crowd region `crowd` (IoU `>=` threshold, no free ordinary
    /// object): neither true nor false positive, as in COCO.
    case ignored(crowd: Int, iou: Double)
    /// Its score is below the score threshold; it takes no part.
    case belowScoreThreshold

    /// `true` for `.truePositive`.
    public var isTruePositive: Bool {
        if case .truePositive = self { return true }
        return false
    }

    /// `true` for `.falsePositive`.
    public var isFalsePositive: Bool {
        if case .falsePositive = self { return true }
        return false
    }
}

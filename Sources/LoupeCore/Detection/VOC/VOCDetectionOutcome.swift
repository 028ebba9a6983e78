/// What one detection turned out to be. Ground-truth indices point into the class's
/// `groundTruths` array; IoUs are under the evaluation's pixel convention.
public enum VOCDetectionOutcome: Hashable, Sendable, Codable {
    /// Its best-overlapping ground truth passed the threshold and was not yet detected.
    case truePositive(groundTruth: Int, iou: Double)
    /// False positive: its best-overlapping ground truth passed the threshold but a
    /// higher-ranked detection had already taken it (VOC does not fall back to the second best).
    case duplicate(groundTruth: Int, iou: Double)
    /// False positive: its best overlap fails the threshold. `groundTruth` is the
    /// best-overlapping object of the same image, `nil` when it overlaps none (then `iou` is 0).
    case insufficientOverlap(groundTruth: Int?, iou: Double)
    /// Ignored (neither TP nor FP): its best-overlapping ground truth passed the threshold and
    /// is difficult, with `ignoresDifficult` on. Repeated hits on one difficult object are all ignored.
    case difficult(groundTruth: Int, iou: Double)

    /// `true` for `.truePositive`.
    public var isTruePositive: Bool {
        if case .truePositive = self { return true }
        return false
    }

    /// `true` for `.duplicate` and `.insufficientOverlap`.
    public var isFalsePositive: Bool {
        switch self {
        case .duplicate, .insufficientOverlap: true
        case .truePositive, .difficult: false
        }
    }
}

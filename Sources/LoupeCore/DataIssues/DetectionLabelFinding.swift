/// One object-level finding of `DetectionLabelIssues`: a confident prediction no ground truth comes
/// near (a likely missing label) or a ground truth no prediction comes near (a likely spurious label).
public struct DetectionLabelFinding: Hashable, Sendable, Codable {
    /// `.missingLabel` or `.spuriousLabel`.
    public var kind: DataIssueKind
    /// The row (image) index.
    public var row: Int
    /// The prediction index (missing label) or ground-truth index (spurious label) within the row.
    public var object: Int
    /// The object's class.
    public var classIndex: Int
    /// The best IoU of the object with any object of the other side, any class (0 when there is none).
    public var bestIntersectionOverUnion: Double
    /// How sure the finding is, in `[0, 1]`: the prediction's score for a missing label;
    /// `1 − bestIoU / threshold` for a spurious label (1 when nothing overlaps at all).
    public var strength: Double

    /// A finding.
    public init(kind: DataIssueKind, row: Int, object: Int, classIndex: Int, bestIntersectionOverUnion: Double,
                strength: Double) {
        self.kind = kind
        self.row = row
        self.object = object
        self.classIndex = classIndex
        self.bestIntersectionOverUnion = bestIntersectionOverUnion
        self.strength = strength
    }
}

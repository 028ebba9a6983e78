/// Why a prediction that matched nothing is a false positive, after TIDE's error types
/// (Bolya et al., 2020). Ground-truth indices point into the row's ground truths; crowd regions
/// never give a reason (they only absorb, see `PredictionOutcome.ignored`).
///
/// Precedence, first that applies: `.duplicate`, `.wrongClass`, `.localization`,
/// `.wrongClassAndLocalization`, `.background`. With `t` the IoU threshold and `b` the
/// background IoU (0.1):
public enum FalsePositiveReason: Hashable, Sendable, Codable {
    /// A same-class ground truth has IoU `>= t`, but every such object was already matched by a
    /// higher-ranked prediction. Names the one of highest IoU.
    case duplicate(groundTruth: Int, iou: Double)
    /// A ground truth of another class has IoU `>= t` (the one of highest IoU).
    case wrongClass(groundTruth: Int, groundTruthClass: Int, iou: Double)
    /// The best same-class IoU is in `[b, t)`: the right object, poorly placed.
    case localization(groundTruth: Int, iou: Double)
    /// No same-class IoU reaches `b`, but another class's is in `[b, t)` (TIDE's "both").
    case wrongClassAndLocalization(groundTruth: Int, groundTruthClass: Int, iou: Double)
    /// IoU `< b` with every (non-crowd) ground truth.
    case background
}

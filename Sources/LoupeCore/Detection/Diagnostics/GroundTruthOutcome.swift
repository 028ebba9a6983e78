/// What became of one ground-truth object of a row.
public enum GroundTruthOutcome: Hashable, Sendable, Codable {
    /// Found by prediction `prediction` with this IoU.
    case matched(prediction: Int, iou: Double)
    /// Not found by any prediction of its class: a false negative.
    case missed
    /// A crowd region: never counted as found or missed.
    case crowd
}

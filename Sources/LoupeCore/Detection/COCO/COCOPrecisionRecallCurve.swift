/// The interpolated precision-recall curve of one category at one IoU threshold: the column
/// `precision[t, :, k, a, m]` of the accumulated tables with its recall levels and scores.
public struct COCOPrecisionRecallCurve: Hashable, Sendable {
    /// The category, or `nil` when categories are pooled.
    public var categoryID: Int?
    /// The IoU threshold.
    public var iouThreshold: Double
    /// The area range's label.
    public var areaLabel: String
    /// The detection limit.
    public var maxDetections: Int
    /// The R recall levels (x axis), `parameters.recallThresholds`.
    public var recall: [Double]
    /// Interpolated precision at each level (the best precision at any recall `>=` the level);
    /// 0 at levels the detections never reach.
    public var precision: [Double]
    /// The score of the detection that first reaches each level; 0 at levels never reached.
    public var scores: [Double]
}

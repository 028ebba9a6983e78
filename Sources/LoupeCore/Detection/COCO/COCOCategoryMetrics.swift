/// Average precision and recall of one category (one K-axis entry), read from the accumulated
/// tables at the largest detection limit (`maxDetections.last`, 100 by default), the way
/// per-class AP is usually derived from pycocotools' `eval['precision']`.
///
/// Every value is `nil` when the category has no counted ground truth in the area range
/// (pycocotools' -1). Means use NumPy's pairwise summation, in the tables' axis order.
public struct COCOCategoryMetrics: Hashable, Sendable {
    /// AP and AR of the category in one area range.
    public struct AreaMetrics: Hashable, Sendable {
        /// The area range's label.
        public var areaLabel: String
        /// Ground truths that count in the range (neither crowd, ignored nor outside it).
        public var groundTruthCount: Int
        /// Mean of `precision[:, :, k, a, M-1]` over every IoU threshold and recall level.
        public var averagePrecision: Double?
        /// Mean of `recall[:, k, a, M-1]` over every IoU threshold.
        public var averageRecall: Double?
    }

    /// The category, or `nil` when categories are pooled.
    public var categoryID: Int?
    /// Ground truths that count in the first area range (`all`).
    public var groundTruthCount: Int
    /// AP @[.50:.95] in the first area range.
    public var averagePrecision: Double?
    /// AP at IoU 0.5 (`nil` also when 0.5 is not an IoU threshold).
    public var averagePrecision50: Double?
    /// AP at IoU 0.75 (`nil` also when 0.75 is not an IoU threshold).
    public var averagePrecision75: Double?
    /// AR @[.50:.95] in the first area range (AR100 by default).
    public var averageRecall: Double?
    /// AP and AR in every area range, in `parameters.areaRanges` order.
    public var areas: [AreaMetrics]
}

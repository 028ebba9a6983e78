/// The VOC evaluation of one class: per-detection outcomes, the precision/recall curve and AP.
public struct VOCClassResult: Hashable, Sendable, Codable {
    /// One point of the precision/recall curve: the state after a counted detection.
    public struct Point: Hashable, Sendable, Codable {
        /// Index of the detection in the class's `detections`.
        public var detection: Int
        /// Its score.
        public var score: Double
        /// True positives among the counted detections up to and including this one.
        public var truePositives: Int
        /// False positives among the counted detections up to and including this one.
        public var falsePositives: Int
        /// `truePositives / (truePositives + falsePositives)`.
        public var precision: Double
        /// `truePositives / support`.
        public var recall: Double
    }

    /// Average precision under the evaluation's interpolation; `nil` when `support` is 0
    /// (recall is undefined without counted ground truth).
    public var averagePrecision: Double?
    /// Counted ground truths (VOC's `npos`): all of them, or the non-difficult ones when
    /// `ignoresDifficult` is on.
    public var support: Int
    /// One outcome per detection, in input order.
    public var outcomes: [VOCDetectionOutcome]
    /// Detection indices in rank order: score descending, ties in input order.
    public var ranking: [Int]
    /// The curve, one point per ranked detection that counts (difficult-ignored detections are
    /// skipped, which leaves AP unchanged: the references give them a flat step). Empty when
    /// `support` is 0.
    public var curve: [Point]
    /// Number of true positives.
    public var truePositiveCount: Int
    /// Number of false positives (duplicates and insufficient overlaps).
    public var falsePositiveCount: Int
    /// Number of detections ignored on a difficult object.
    public var ignoredCount: Int
}

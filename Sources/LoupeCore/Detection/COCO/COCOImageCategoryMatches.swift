/// How the detections of one image and category were matched, in the first area range
/// (`all` by default): pycocotools' `evalImgs` entry for that image, category and range, with
/// input positions instead of annotation ids.
///
/// Detections are indexed `d` in evaluation order, ground truths `g` in input order; the
/// matrices are row-major over `[d][t]` (t = IoU threshold index) and `[d][g]`.
public struct COCOImageCategoryMatches: Hashable, Sendable {
    /// What a detection counts as at one IoU threshold.
    public enum Outcome: Hashable, Sendable {
        /// Matched a ground truth that counts.
        case truePositive
        /// Matched nothing, or a ground truth of id 0 (pycocotools reads id 0 as "no match").
        case falsePositive
        /// Matched an ignored ground truth (crowd, flagged or outside the area range), or matched
        /// nothing while its own area is outside the range: neither true nor false positive.
        case ignored
    }

    /// The image.
    public let imageID: Int
    /// The category, or `nil` when categories are pooled.
    public let categoryID: Int?
    /// The T IoU thresholds (the t axis).
    public let iouThresholds: [Double]
    /// Input positions (into `COCOEvaluationInput.detections`) of the evaluated detections, by
    /// score, descending, ties in input order, at most `maxDetections.last`.
    public let detections: [Int]
    /// Their scores.
    public let scores: [Double]
    /// Input positions (into `COCOEvaluationInput.groundTruths`) of the ground truths, in input order.
    public let groundTruths: [Int]
    /// Whether each ground truth is ignored in the area range (crowd, flagged, or area outside it).
    public let groundTruthIgnored: [Bool]
    /// `[d * T + t]`: index `g` of the matched ground truth, or -1.
    private let matched: [Int32]
    /// `[d * T + t]`: the outcome code (see `COCOCategoryTable`).
    private let outcomeCodes: [UInt8]
    /// `[d * G + g]`: the overlaps; empty when either side is empty.
    private let overlaps: [Double]

    init(imageID: Int, categoryID: Int?, iouThresholds: [Double], detections: [Int], scores: [Double],
         groundTruths: [Int], groundTruthIgnored: [Bool], matched: [Int32], outcomeCodes: [UInt8], overlaps: [Double]) {
        self.imageID = imageID
        self.categoryID = categoryID
        self.iouThresholds = iouThresholds
        self.detections = detections
        self.scores = scores
        self.groundTruths = groundTruths
        self.groundTruthIgnored = groundTruthIgnored
        self.matched = matched
        self.outcomeCodes = outcomeCodes
        self.overlaps = overlaps
    }

    /// The index `g` (into `groundTruths`) that detection `d` matched at threshold `t`, or `nil`.
    /// - Complexity: O(1).
    public func matchedGroundTruth(detection d: Int, iouThresholdIndex t: Int) -> Int? {
        let g = matched[d * iouThresholds.count + t]
        return g >= 0 ? Int(g) : nil
    }

    /// What detection `d` counts as at threshold `t`.
    /// - Complexity: O(1).
    public func outcome(detection d: Int, iouThresholdIndex t: Int) -> Outcome {
        switch outcomeCodes[d * iouThresholds.count + t] {
        case COCOCategoryTable.truePositive: .truePositive
        case COCOCategoryTable.falsePositive: .falsePositive
        default: .ignored
        }
    }

    /// The overlap (IoU or OKS, with crowd semantics) of detection `d` with ground truth `g`.
    /// - Complexity: O(1).
    public func overlap(detection d: Int, groundTruth g: Int) -> Double {
        overlaps[d * groundTruths.count + g]
    }

    /// The overlap of detection `d` with its match at threshold `t`, or `nil` when unmatched.
    /// - Complexity: O(1).
    public func matchedOverlap(detection d: Int, iouThresholdIndex t: Int) -> Double? {
        matchedGroundTruth(detection: d, iouThresholdIndex: t).map { overlap(detection: d, groundTruth: $0) }
    }

    /// The detection `d` that took ground truth `g` at threshold `t` (for a crowd region, the last
    /// of those that matched it), or `nil`: pycocotools' `gtMatches`.
    /// - Complexity: O(D).
    public func matchedDetection(groundTruth g: Int, iouThresholdIndex t: Int) -> Int? {
        let thresholds = iouThresholds.count
        return detections.indices.last { matched[$0 * thresholds + t] == Int32(g) }
    }
}

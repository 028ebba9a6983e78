/// COCO detection evaluation with the semantics of pycocotools 2.0.11's `COCOeval`, for boxes,
/// masks and keypoints, in its three inspectable steps:
///
/// 1. `evaluate(_:)` matches detections to ground truth per image and category
///    (`COCOeval.evaluate` / `evaluateImg`) and returns a `COCOEvaluation` holding the match table;
/// 2. `COCOEvaluation.accumulate()` builds precision[T, R, K, A, M] and recall[T, K, A, M]
///    (`COCOeval.accumulate`), also over a multiset of images for a bootstrap;
/// 3. `COCOAccumulation.summarize()` gives the 12 (10 for keypoints) summary numbers
///    (`COCOeval.summarize`, `stats`).
///
/// Results equal pycocotools' bitwise for boxes and masks (same IoU kernels, same float
/// operations, NumPy's pairwise summation in the means). Where pycocotools writes -1 ("no ground
/// truth") the API returns `nil`; `COCOSummary.pycocotoolsStats` restores the -1s.
///
/// What a loader must do before (`loadRes`'s area rule, `annToRLE`) is described on
/// `COCOEvaluationInput`.
public struct COCOEvaluator: Sendable {
    /// The settings; `maxDetections` is sorted ascending by `evaluate` as pycocotools does.
    public var parameters: COCOEvaluationParameters

    /// An evaluator with the given settings.
    public init(parameters: COCOEvaluationParameters) {
        self.parameters = parameters
    }

    /// pycocotools' `evaluate()`: for every evaluated image and category (every image when
    /// categories are pooled) that has ground truth or detections, sorts the detections by score
    /// (descending, ties in input order), keeps the first `maxDetections.last`, computes their
    /// overlaps with the ground truth (box IoU, mask IoU or OKS, crowd regions scored against the
    /// detection's own area) and matches them greedily at every IoU threshold in every area range.
    ///
    /// Edge cases: an image and category with neither ground truth nor detections is not a cell
    /// and contributes nothing; detections of a cell without ground truth are all unmatched (false
    /// positives, or ignored when outside the area range).
    ///
    /// The work is spread over the processors by category; the result does not depend on it.
    /// - Throws: `COCOEvaluationError` when a mask (`.segm`) or keypoints (`.keypoints`) are
    ///   missing or have the wrong length, or a detection's score is not finite.
    /// - Complexity: O(n log n) to group and sort, plus O(A · T · D · G) matching and the
    ///   D · G overlaps per image and category.
    public func evaluate(_ input: COCOEvaluationInput) throws(COCOEvaluationError) -> COCOEvaluation {
        var parameters = self.parameters
        precondition(!parameters.maxDetections.isEmpty, "COCO evaluation needs at least one detection limit")
        precondition(parameters.maxDetections.allSatisfy { $0 >= 0 }, "detection limits cannot be negative")
        precondition(parameters.iouType != .keypoints || !parameters.keypointSigmas.isEmpty,
                     "keypoint evaluation needs keypoint sigmas")
        parameters.maxDetections.sort()
        let context = try COCOEvaluationContext(input: input, parameters: parameters)
        let tables = ConcurrentMap.map(count: context.bucketCount) { bucket in
            COCOCategoryTable(bucket: bucket, context: context)
        }
        return COCOEvaluation(parameters: parameters, imageIDs: context.imageIDs, categoryIDs: context.categoryIDs,
                              tables: tables)
    }

    /// `evaluate`, `accumulate()` and `summarize()` in one call.
    /// - Throws: as `evaluate(_:)`.
    public func summarize(_ input: COCOEvaluationInput) throws(COCOEvaluationError) -> COCOSummary {
        try evaluate(input).accumulate().summarize()
    }
}

/// The accumulate step's tables (pycocotools' `COCOeval.eval`), with `nil` where pycocotools
/// stores -1: a category and area range without any non-ignored ground truth in the evaluated
/// images has no precision, recall or scores.
///
/// Axes (indices into `parameters` and `categoryIDs`):
/// - T: `parameters.iouThresholds`
/// - R: `parameters.recallThresholds`
/// - K: `categoryIDs` (one pooled entry when `parameters.useCategories` is `false`)
/// - A: `parameters.areaRanges`
/// - M: `parameters.maxDetections` (ascending)
///
/// Tables:
/// - `precision[T, R, K, A, M]`: interpolated precision (the maximum precision at any recall
///   `>=` the level) at each recall level; 0 for levels the detections never reach.
/// - `recall[T, K, A, M]`: the recall after all detections.
/// - `scores[T, R, K, A, M]`: the score of the detection at which each recall level is first
///   reached; 0 for levels never reached.
public struct COCOAccumulation: Sendable {
    /// The settings the tables were built with.
    public let parameters: COCOEvaluationParameters
    /// The evaluated categories (the K axis when categories are used).
    public let categoryIDs: [Int]
    /// The length of the K axis.
    public let categoryCount: Int
    /// `[T, R, K, A, M]` row-major, 0 where absent.
    private let precisionValues: [Double]
    private let scoreValues: [Double]
    /// `[T, K, A, M]` row-major, 0 where absent.
    private let recallValues: [Double]
    /// Non-ignored ground truths per `[K, A]` (pycocotools' `npig`).
    private let countedTruths: [Int]

    init(parameters: COCOEvaluationParameters, categoryIDs: [Int], parts: [COCOCategoryTable.Accumulation]) {
        self.parameters = parameters
        self.categoryIDs = categoryIDs
        categoryCount = parts.count
        let t = parameters.iouThresholds.count, r = parameters.recallThresholds.count
        let k = parts.count, a = parameters.areaRanges.count, m = parameters.maxDetections.count
        var precision = [Double](repeating: 0, count: t * r * k * a * m)
        var scores = precision
        var recall = [Double](repeating: 0, count: t * k * a * m)
        var counted = [Int](repeating: 0, count: k * a)
        for (kk, part) in parts.enumerated() {
            for aa in 0..<a {
                counted[kk * a + aa] = part.countedTruths[aa]
                for mm in 0..<m {
                    for tt in 0..<t {
                        let source = (aa * m + mm) * t + tt
                        recall[((tt * k + kk) * a + aa) * m + mm] = part.recall[source]
                        for rr in 0..<r {
                            let target = (((tt * r + rr) * k + kk) * a + aa) * m + mm
                            precision[target] = part.precision[source * r + rr]
                            scores[target] = part.scores[source * r + rr]
                        }
                    }
                }
            }
        }
        precisionValues = precision
        scoreValues = scores
        recallValues = recall
        countedTruths = counted
    }

    /// The number of ground truths that count (neither crowd, ignored nor outside the area range)
    /// for category `categoryIndex` in area range `areaIndex`; 0 means the tables are absent there.
    /// - Complexity: O(1).
    public func groundTruthCount(categoryIndex: Int, areaIndex: Int) -> Int {
        countedTruths[categoryIndex * parameters.areaRanges.count + areaIndex]
    }

    /// `precision[t, r, k, a, m]`, or `nil` when the category has no counted ground truth in the area range.
    /// - Complexity: O(1).
    public func precision(iouIndex t: Int, recallIndex r: Int, categoryIndex k: Int, areaIndex a: Int,
                          maxDetectionsIndex m: Int) -> Double? {
        guard groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        return precisionValues[fullIndex(t, r, k, a, m)]
    }

    /// `scores[t, r, k, a, m]`, or `nil` when the category has no counted ground truth in the area range.
    /// - Complexity: O(1).
    public func score(iouIndex t: Int, recallIndex r: Int, categoryIndex k: Int, areaIndex a: Int,
                      maxDetectionsIndex m: Int) -> Double? {
        guard groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        return scoreValues[fullIndex(t, r, k, a, m)]
    }

    /// `recall[t, k, a, m]`, or `nil` when the category has no counted ground truth in the area range.
    /// - Complexity: O(1).
    public func recall(iouIndex t: Int, categoryIndex k: Int, areaIndex a: Int, maxDetectionsIndex m: Int) -> Double? {
        guard groundTruthCount(categoryIndex: k, areaIndex: a) > 0 else { return nil }
        return recallValues[((t * categoryCount + k) * parameters.areaRanges.count + a) * parameters.maxDetections.count + m]
    }

    private func fullIndex(_ t: Int, _ r: Int, _ k: Int, _ a: Int, _ m: Int) -> Int {
        (((t * parameters.recallThresholds.count + r) * categoryCount + k) * parameters.areaRanges.count + a)
            * parameters.maxDetections.count + m
    }

    /// pycocotools' `_summarize` for average precision: the mean of `precision[t, r, k, a, m]`
    /// over the IoU thresholds equal to `iouThreshold` (all when `nil`), every recall level and
    /// every category that has counted ground truth, in the area range labelled `areaLabel` and
    /// at the limit `maxDetections`; summed in NumPy's pairwise order over `t`, then `r`, then `k`,
    /// so the value equals `np.mean(s[s > -1])` bitwise.
    /// - Returns: `nil` when nothing is averaged (no ground truth, or the threshold, label or limit
    ///   is not among the parameters). Labels and limits are looked up by their first occurrence.
    /// - Complexity: O(T · R · K).
    public func averagePrecision(iouThreshold: Double? = nil, areaLabel: String = "all",
                                 maxDetections: Int = 100) -> Double? {
        guard let (thresholds, a, m) = summaryAxes(iouThreshold, areaLabel, maxDetections) else { return nil }
        var values: [Double] = []
        for t in thresholds {
            for r in 0..<parameters.recallThresholds.count {
                for k in 0..<categoryCount {
                    if let value = precision(iouIndex: t, recallIndex: r, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m) {
                        values.append(value)
                    }
                }
            }
        }
        return NumPyArithmetic.mean(values)
    }

    /// pycocotools' `_summarize` for average recall: the mean of `recall[t, k, a, m]` over the
    /// matching IoU thresholds and the categories with counted ground truth (order `t`, then `k`).
    /// - Returns: `nil` when nothing is averaged.
    /// - Complexity: O(T · K).
    public func averageRecall(iouThreshold: Double? = nil, areaLabel: String = "all",
                              maxDetections: Int = 100) -> Double? {
        guard let (thresholds, a, m) = summaryAxes(iouThreshold, areaLabel, maxDetections) else { return nil }
        var values: [Double] = []
        for t in thresholds {
            for k in 0..<categoryCount {
                if let value = recall(iouIndex: t, categoryIndex: k, areaIndex: a, maxDetectionsIndex: m) {
                    values.append(value)
                }
            }
        }
        return NumPyArithmetic.mean(values)
    }

    /// The T indices (`np.where(iouThr == p.iouThrs)`, exact equality), the area index and the
    /// limit index a summary number reads, or `nil` when one of them is missing.
    private func summaryAxes(_ iouThreshold: Double?, _ areaLabel: String,
                             _ maxDetections: Int) -> ([Int], Int, Int)? {
        let thresholds = parameters.iouThresholds.indices.filter { iouThreshold == nil || parameters.iouThresholds[$0] == iouThreshold }
        guard !thresholds.isEmpty,
              let a = parameters.areaRanges.firstIndex(where: { $0.label == areaLabel }),
              let m = parameters.maxDetections.firstIndex(of: maxDetections) else { return nil }
        return (thresholds, a, m)
    }
}

/// Pascal VOC average precision per class and the mean over classes (mAP).
///
/// Per class: detections are ranked by score descending, ties in input order (a stable sort,
/// as MATLAB's `sort` in the devkit and Python's `sorted(reverse=True)` in Padilla et al.'s
/// toolkit; `voc_eval.py`'s `np.argsort` is not stable, so it can order ties differently).
/// Each detection in turn is compared with every ground truth of its image and takes the one of
/// highest IoU (the first in input order on a tie; only positive overlaps count). If that IoU
/// passes the threshold the detection is a true positive when the object is still free, a
/// `.duplicate` false positive when an earlier detection took it, or `.difficult`-ignored when the
/// object is difficult and `ignoresDifficult` is on; otherwise it is an `.insufficientOverlap`
/// false positive. Precision and recall are accumulated in rank order and AP is read off them
/// (see `VOCParameters.Interpolation.averagePrecision(recall:precision:)`).
///
/// Reproduces the MATLAB VOC devkit (`VOCevaldet.m`, `VOCap.m`), py-faster-rcnn's `voc_eval.py`
/// (with `.greaterThan`) and Padilla et al.'s `pascal_voc_evaluator.py` (with
/// `.inclusivePixels` and `ignoresDifficult: false`), including their 11-point recall grid
/// `i * 0.1`.
///
/// Edge cases: a class with no counted ground truth has `averagePrecision == nil` and is left
/// out of the mAP (Padilla's toolkit skips such classes; `voc_eval.py` would divide by zero);
/// a class with ground truth and no detections has AP 0; a detection on an image without ground
/// truth is a false positive.
public struct VOCEvaluation: Hashable, Sendable, Codable {
    /// The settings used.
    public var parameters: VOCParameters
    /// One result per input class, in input order.
    public var classes: [VOCClassResult]
    /// The mean of `averagePrecision` over the classes that have one (support `> 0`), summed in
    /// class order; `nil` when no class has support.
    public var meanAveragePrecision: Double?

    /// Evaluates every class.
    /// - Complexity: O(Σ (d log d + d · g)) over classes, `d` detections and `g` ground truths
    ///   per image of the class (each detection is compared with its own image's objects only).
    public static func evaluate(classes: [VOCClassInput], parameters: VOCParameters = VOCParameters()) -> VOCEvaluation {
        let results = classes.map { evaluateClass(groundTruths: $0.groundTruths, detections: $0.detections, parameters: parameters) }
        var sum = 0.0, count = 0
        for result in results {
            if let ap = result.averagePrecision {
                sum += ap
                count += 1
            }
        }
        return VOCEvaluation(parameters: parameters, classes: results,
                             meanAveragePrecision: count > 0 ? sum / Double(count) : nil)
    }

    /// Evaluates one class.
    /// - Precondition: no detection score is NaN.
    /// - Complexity: O(d log d + d · g), `g` the ground truths of a detection's image.
    public static func evaluateClass(groundTruths: [VOCGroundTruth], detections: [VOCDetection],
                                     parameters: VOCParameters = VOCParameters()) -> VOCClassResult {
        let ranking = rank(detections)
        let support = parameters.ignoresDifficult
            ? groundTruths.reduce(0) { $0 + ($1.isDifficult ? 0 : 1) } : groundTruths.count
        let outcomes = match(groundTruths: groundTruths, detections: detections, ranking: ranking, parameters: parameters)

        var curve: [VOCClassResult.Point] = []
        var truePositives = 0, falsePositives = 0, ignored = 0
        if support > 0 { curve.reserveCapacity(detections.count) }
        for d in ranking {
            switch outcomes[d] {
            case .truePositive: truePositives += 1
            case .duplicate, .insufficientOverlap: falsePositives += 1
            case .difficult:
                ignored += 1
                continue
            }
            if support > 0 {
                curve.append(VOCClassResult.Point(
                    detection: d, score: detections[d].score,
                    truePositives: truePositives, falsePositives: falsePositives,
                    precision: Double(truePositives) / Double(truePositives + falsePositives),
                    recall: Double(truePositives) / Double(support)))
            }
        }
        let ap = support > 0
            ? parameters.interpolation.averagePrecision(recall: curve.map(\.recall), precision: curve.map(\.precision))
            : nil
        return VOCClassResult(averagePrecision: ap, support: support, outcomes: outcomes, ranking: ranking,
                              curve: curve, truePositiveCount: truePositives, falsePositiveCount: falsePositives,
                              ignoredCount: ignored)
    }

    /// Detection indices by score descending, ties in input order.
    static func rank(_ detections: [VOCDetection]) -> [Int] {
        precondition(!detections.contains { $0.score.isNaN }, "VOCEvaluation: a detection score is NaN")
        return detections.indices.sorted { a, b in
            let sa = detections[a].score, sb = detections[b].score
            return sa != sb ? sa > sb : a < b
        }
    }
}

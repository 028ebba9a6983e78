/// The diagnostics of one row: an outcome per prediction and per ground truth, and counts.
///
/// Matching, per class, COCO-style: the predictions at or above the score threshold are taken
/// by score descending (ties in input order); each takes the still-unmatched, non-crowd
/// ground truth of its class with the highest IoU `>= iouThreshold` (ties to the lower index;
/// pycocotools keeps the later one on an exact tie), so a prediction whose best object is taken
/// falls back to the next one, as in pycocotools' `evaluateImg`. A prediction that finds none but has IoU `>= iouThreshold` with a crowd region
/// of its class is `.ignored` (crowds absorb any number of predictions). Every other prediction
/// is a false positive with a `FalsePositiveReason`.
public struct DetectionRowDiagnostics: Hashable, Sendable, Codable {
    /// One outcome per prediction, in input order.
    public var predictions: [PredictionOutcome]
    /// One outcome per ground truth, in input order.
    public var groundTruths: [GroundTruthOutcome]
    /// Predictions that are true positives.
    public var truePositives: Int
    /// Predictions that are false positives.
    public var falsePositives: Int
    /// Non-crowd ground truths that no prediction found.
    public var falseNegatives: Int
    /// Predictions absorbed by crowd regions.
    public var ignored: Int
    /// Mean IoU of the true positives (summed in prediction order); `nil` when there is none.
    public var meanMatchIoU: Double?
    /// The row's share of `DetectionConfusionMatrix`: the cells its class-agnostic matching
    /// counted, with their counts, sorted by (ground truth, predicted) with "none" last. Empty
    /// from `evaluate(_:parameters:)`, which does no class-agnostic matching; filled by
    /// `DetectionDiagnostics.evaluate`.
    public var confusionCells: [DetectionConfusionMatrix.Cell] = []

    /// Diagnoses one row.
    /// - Complexity: O(m log m + m · n) for `m` predictions and `n` ground truths.
    public static func evaluate(_ row: DetectionRow,
                                parameters: DetectionDiagnosticParameters = DetectionDiagnosticParameters())
        -> DetectionRowDiagnostics {
        evaluate(row, ranking: row.rankedPredictions(scoreThreshold: parameters.scoreThreshold), parameters: parameters)
    }

    /// Diagnoses one row given its kept predictions in rank order.
    static func evaluate(_ row: DetectionRow, ranking: [Int], parameters: DetectionDiagnosticParameters)
        -> DetectionRowDiagnostics {
        let m = row.predictionCount, n = row.groundTruthCount
        let t = parameters.iouThreshold
        var predictions = [PredictionOutcome](repeating: .belowScoreThreshold, count: m)
        var groundTruths = (0..<n).map { row.groundTruthIsCrowd[$0] ? GroundTruthOutcome.crowd : .missed }
        var taken = [Bool](repeating: false, count: n)
        var truePositives = 0, falsePositives = 0, ignored = 0
        var iouSum = 0.0

        row.intersectionOverUnion.withUnsafeBufferPointer { iou in
            row.groundTruthClasses.withUnsafeBufferPointer { classes in
                row.groundTruthIsCrowd.withUnsafeBufferPointer { crowd in
                    for p in ranking {
                        let c = row.predictionClasses[p]
                        var free = Best(), takenBest = Best(), crowdBest = Best(), same = Best(), other = Best()
                        for g in 0..<n {
                            let value = iou[p * n + g]
                            if crowd[g] {
                                if classes[g] == c, value >= t { crowdBest.offer(g, value) }
                            } else if classes[g] == c {
                                same.offer(g, value)
                                if value >= t {
                                    if taken[g] { takenBest.offer(g, value) } else { free.offer(g, value) }
                                }
                            } else {
                                other.offer(g, value)
                            }
                        }
                        if let g = free.index {
                            taken[g] = true
                            groundTruths[g] = .matched(prediction: p, iou: free.iou)
                            predictions[p] = .truePositive(groundTruth: g, iou: free.iou)
                            truePositives += 1
                            continue
                        }
                        if let g = crowdBest.index {
                            predictions[p] = .ignored(crowd: g, iou: crowdBest.iou)
                            ignored += 1
                            continue
                        }
                        let reason: FalsePositiveReason
                        if let g = takenBest.index {
                            reason = .duplicate(groundTruth: g, iou: takenBest.iou)
                        } else if let g = other.index, other.iou >= t {
                            reason = .wrongClass(groundTruth: g, groundTruthClass: classes[g], iou: other.iou)
                        } else if let g = same.index, same.iou >= parameters.backgroundIoU, same.iou > 0 {
                            reason = .localization(groundTruth: g, iou: same.iou)
                        } else if let g = other.index, other.iou >= parameters.backgroundIoU, other.iou > 0 {
                            reason = .wrongClassAndLocalization(groundTruth: g, groundTruthClass: classes[g], iou: other.iou)
                        } else {
                            reason = .background
                        }
                        predictions[p] = .falsePositive(reason)
                        falsePositives += 1
                    }
                }
            }
        }
        for outcome in predictions {
            if case .truePositive(_, let value) = outcome { iouSum += value }
        }
        let falseNegatives = groundTruths.reduce(0) { $0 + ($1 == .missed ? 1 : 0) }
        return DetectionRowDiagnostics(
            predictions: predictions, groundTruths: groundTruths, truePositives: truePositives,
            falsePositives: falsePositives, falseNegatives: falseNegatives, ignored: ignored,
            meanMatchIoU: truePositives > 0 ? iouSum / Double(truePositives) : nil)
    }
}

/// The highest IoU seen so far and its ground truth; the first index wins a tie.
private struct Best {
    var index: Int?
    var iou = -Double.infinity

    @inline(__always)
    mutating func offer(_ g: Int, _ value: Double) {
        if value > iou {
            iou = value
            index = g
        }
    }
}

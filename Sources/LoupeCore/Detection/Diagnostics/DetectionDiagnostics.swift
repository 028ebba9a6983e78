/// Per-object and per-row detection diagnostics over many rows at one IoU and score threshold:
/// the outcomes of `DetectionRowDiagnostics` for every row, per-class totals with the
/// F1-optimal confidence threshold, and a class-agnostic `DetectionConfusionMatrix`.
///
/// Follows FiftyOne's detection evaluation shape (per-object match records from which the
/// per-row counts, the matrix and the operating points are derived) with COCO's per-class
/// greedy matching and crowd handling (pycocotools `evaluateImg` at one IoU, no area ranges,
/// no detection cap) and TIDE's false-positive error types.
///
/// Edge cases: an empty row has all counts 0 and `meanMatchIoU == nil`; a class with neither
/// objects nor predictions has `bestF1 == nil`; predictions below the score threshold appear
/// only as `.belowScoreThreshold`.
public struct DetectionDiagnostics: Hashable, Sendable, Codable {
    /// The settings used.
    public var parameters: DetectionDiagnosticParameters
    /// One result per input row, in input order.
    public var rows: [DetectionRowDiagnostics]
    /// One summary per class index `0..<classCount`.
    public var classes: [DetectionClassSummary]
    /// The class-agnostic confusion matrix over all rows.
    public var confusionMatrix: DetectionConfusionMatrix

    /// Diagnoses every row and aggregates.
    /// - Precondition: every class index is in `0..<classCount`.
    /// - Complexity: O(Σ mᵢ·nᵢ + N log N): each row's IoU matrix is scanned twice (per-class
    ///   and class-agnostic matching), and the `N` kept predictions are sorted once per class
    ///   for the operating points.
    public static func evaluate(rows: [DetectionRow], classCount: Int,
                                parameters: DetectionDiagnosticParameters = DetectionDiagnosticParameters())
        -> DetectionDiagnostics {
        var matrix = DetectionConfusionMatrix(classCount: classCount)
        var results: [DetectionRowDiagnostics] = []
        results.reserveCapacity(rows.count)
        var groundTruths = [Int](repeating: 0, count: classCount)
        var summaries = [DetectionClassSummary](
            repeating: DetectionClassSummary(groundTruths: 0, predictions: 0, truePositives: 0, falsePositives: 0,
                                             falseNegatives: 0, ignored: 0, bestF1: nil),
            count: classCount)
        var ranked: [RankedPrediction] = []

        for row in rows {
            precondition(row.predictionClasses.allSatisfy { (0..<classCount).contains($0) }
                && row.groundTruthClasses.allSatisfy { (0..<classCount).contains($0) },
                "DetectionDiagnostics: a class index is outside 0..<\(classCount)")
            let ranking = row.rankedPredictions(scoreThreshold: parameters.scoreThreshold)
            var result = DetectionRowDiagnostics.evaluate(row, ranking: ranking, parameters: parameters)
            result.confusionCells = matrix.add(row, ranking: ranking, parameters: parameters)
            for (g, c) in row.groundTruthClasses.enumerated() where !row.groundTruthIsCrowd[g] {
                groundTruths[c] += 1
            }
            for (p, outcome) in result.predictions.enumerated() {
                let c = row.predictionClasses[p]
                switch outcome {
                case .belowScoreThreshold: continue
                case .truePositive: summaries[c].truePositives += 1
                case .falsePositive: summaries[c].falsePositives += 1
                case .ignored: summaries[c].ignored += 1
                }
                summaries[c].predictions += 1
                ranked.append(RankedPrediction(classIndex: c, score: row.predictionScores[p], outcome: outcome))
            }
            results.append(result)
        }
        for c in 0..<classCount {
            summaries[c].groundTruths = groundTruths[c]
            summaries[c].falseNegatives = groundTruths[c] - summaries[c].truePositives
        }
        bestF1(ranked: &ranked, summaries: &summaries)
        return DetectionDiagnostics(parameters: parameters, rows: results, classes: summaries, confusionMatrix: matrix)
    }
}

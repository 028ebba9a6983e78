/// One row (image) prepared for diagnostics: the classes, scores and crowd flags of its objects
/// and the IoU of every prediction with every ground truth.
///
/// Geometry enters only through the IoU matrix, so boxes and masks share one code path: build a
/// row from `DetectionPrediction`/`DetectionGroundTruth` values (any `DetectionGeometry`), or
/// pass a matrix computed elsewhere (for example reused across IoU thresholds).
public struct DetectionRow: Hashable, Sendable, Codable {
    /// Class index of each prediction.
    public var predictionClasses: [Int]
    /// Score of each prediction (not NaN).
    public var predictionScores: [Double]
    /// Class index of each ground truth.
    public var groundTruthClasses: [Int]
    /// Crowd flag of each ground truth.
    public var groundTruthIsCrowd: [Bool]
    /// `predictionCount * groundTruthCount` IoUs, row-major: prediction `p` against ground
    /// truth `g` at `p * groundTruthCount + g`, with COCO crowd semantics.
    public var intersectionOverUnion: [Double]

    /// Number of predictions.
    public var predictionCount: Int { predictionClasses.count }
    /// Number of ground truths.
    public var groundTruthCount: Int { groundTruthClasses.count }

    /// A row from precomputed IoUs.
    /// - Precondition: one score per prediction class, one crowd flag per ground-truth class,
    ///   `intersectionOverUnion.count == predictions * groundTruths`, no NaN score.
    public init(predictionClasses: [Int], predictionScores: [Double], groundTruthClasses: [Int],
                groundTruthIsCrowd: [Bool], intersectionOverUnion: [Double]) {
        precondition(predictionScores.count == predictionClasses.count, "DetectionRow: one score per prediction")
        precondition(groundTruthIsCrowd.count == groundTruthClasses.count, "DetectionRow: one crowd flag per ground truth")
        precondition(intersectionOverUnion.count == predictionClasses.count * groundTruthClasses.count,
                     "DetectionRow: \(intersectionOverUnion.count) IoUs for \(predictionClasses.count) × \(groundTruthClasses.count)")
        precondition(!predictionScores.contains { $0.isNaN }, "DetectionRow: a prediction score is NaN")
        self.predictionClasses = predictionClasses
        self.predictionScores = predictionScores
        self.groundTruthClasses = groundTruthClasses
        self.groundTruthIsCrowd = groundTruthIsCrowd
        self.intersectionOverUnion = intersectionOverUnion
    }

    /// A row from boxes or masks; the IoU matrix comes from `Geometry.intersectionOverUnion`.
    /// - Complexity: that of the IoU matrix, O(m · n) for boxes.
    public init<Geometry: DetectionGeometry>(predictions: [DetectionPrediction<Geometry>],
                                             groundTruths: [DetectionGroundTruth<Geometry>]) {
        let crowd = groundTruths.map(\.isCrowd)
        self.init(predictionClasses: predictions.map(\.classIndex), predictionScores: predictions.map(\.score),
                  groundTruthClasses: groundTruths.map(\.classIndex), groundTruthIsCrowd: crowd,
                  intersectionOverUnion: Geometry.intersectionOverUnion(
                      detections: predictions.map(\.geometry), groundTruths: groundTruths.map(\.geometry),
                      groundTruthIsCrowd: crowd))
    }

    /// Prediction indices with `score >= threshold`, by score descending, ties in input order.
    func rankedPredictions(scoreThreshold threshold: Double) -> [Int] {
        predictionScores.indices.filter { predictionScores[$0] >= threshold }.sorted { a, b in
            let sa = predictionScores[a], sb = predictionScores[b]
            return sa != sb ? sa > sb : a < b
        }
    }
}

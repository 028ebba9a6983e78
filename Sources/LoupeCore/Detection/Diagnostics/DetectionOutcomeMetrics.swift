/// Detection metrics of a set of rows recomputed from per-object outcomes at one IoU threshold
/// (what `DetectionDiagnostics` decides and an evaluation stores), with a seeded percentile
/// bootstrap over rows. Nothing is matched again, so the metrics of any subset of an evaluated
/// run's rows (a slice) cost one pass over its outcomes per resample.
///
/// Definitions, with `w` the number of times a row is drawn (1 for the point estimate):
/// - `precision = Σ w·TP / Σ w·(TP + FP)` over the predictions, `recall = Σ w·TP / Σ w·GT` over
///   the counted ground truths (matched or missed; crowd regions are not counted), `F1` their
///   harmonic mean, `meanIoU = Σ w·(IoU of the matches) / Σ w·TP`.
/// - `AP` of a class at the threshold: pycocotools' 101-point interpolated precision (in score
///   order, `pr = tp / (tp + fp + ε)`, the precision envelope, `searchsorted(rc, recThrs,
///   'left')`), predictions ranked by descending score with ties in input order; `mAP` is the
///   mean over the classes that have ground truth. A row drawn `w` times contributes its
///   predictions `w` times, adjacent in the ranking.
///
/// When the outcomes come from greedy matching by score at IoU 0.5 with no score threshold and
/// no row has more than 100 predictions of a class, `AP` equals pycocotools' AP at IoU=0.50,
/// area all, maxDets 100 on the same rows (checked against `COCOEvaluator` in the tests).
///
/// Undefined values (no prediction, no ground truth, no match) are `nil`.
/// - Complexity: O(P log P) to build (P predictions); O(n + G + P + C · 101) per evaluation of
///   a weight vector (n rows, G counted ground truths, C classes).
/// - Reference: pycocotools `COCOeval.accumulate`; Efron and Tibshirani (1993) for the bootstrap.
public struct DetectionOutcomeMetrics: Sendable {
    /// One prediction's outcome.
    public struct Prediction: Hashable, Sendable {
        /// Index of its row in `0..<rowCount`.
        public var rowIndex: Int
        /// Index of its class in `0..<classCount`.
        public var classIndex: Int
        /// Its score; ranks the predictions of a class.
        public var score: Double
        /// Whether it matched a ground truth of its class (else a false positive).
        public var isTruePositive: Bool

        /// An outcome.
        public init(rowIndex: Int, classIndex: Int, score: Double, isTruePositive: Bool) {
            self.rowIndex = rowIndex
            self.classIndex = classIndex
            self.score = score
            self.isTruePositive = isTruePositive
        }
    }

    /// The metrics of one class.
    public struct ClassValues: Hashable, Sendable {
        /// TP / (TP + FP) of the class's predictions.
        public var precision: Double?
        /// TP / GT of the class.
        public var recall: Double?
        /// The 101-point interpolated average precision.
        public var averagePrecision: Double?
        /// Σ w over the class's predictions.
        public var predictions: Int
        /// Σ w over the class's counted ground truths.
        public var groundTruths: Int
    }

    /// The metrics of one weighting of the rows.
    public struct Values: Hashable, Sendable {
        /// Over all predictions.
        public var precision: Double?
        /// Over all counted ground truths.
        public var recall: Double?
        /// Harmonic mean of precision and recall.
        public var f1: Double?
        /// Mean IoU of the matches.
        public var meanIoU: Double?
        /// Mean of the per-class AP over classes with ground truth.
        public var meanAveragePrecision: Double?
        /// Per class, by class index.
        public var perClass: [ClassValues]

        /// The values in the order of `DetectionOutcomeMetrics.statisticNames`.
        public var flattened: [Double?] {
            [precision, recall, f1, meanIoU, meanAveragePrecision]
                + perClass.flatMap { [$0.averagePrecision, $0.precision, $0.recall] }
        }
    }

    /// The number of rows.
    public let rowCount: Int
    /// The number of classes.
    public let classCount: Int
    /// Predictions ranked per class, flat: class `k`'s are `classStarts[k] ..< classStarts[k + 1]`,
    /// in score order, each its row index, bit-inverted (negative) for a true positive: one load
    /// per prediction in the bootstrap's inner loop.
    private let rankedCodes: [Int32]
    private let classStarts: [Int]
    /// The most true-positive predictions any class has (+1): the size of the scratch entries.
    private let maxTruePositivesPerClass: Int
    /// Counted ground truths: row and class of each.
    private let truthRows: [Int32]
    private let truthClasses: [Int32]
    /// Sum of the matched IoUs per row.
    private let matchedIoUSums: [Double]

    /// Metrics over `rowCount` rows.
    /// - Parameters:
    ///   - predictions: every prediction's outcome, ignored ones (matched to crowd regions) left out.
    ///   - groundTruths: `(rowIndex, classIndex)` of every counted ground-truth object.
    ///   - matchedIoUSums: per row, the sum of its matches' IoUs (`rowCount` entries).
    /// - Precondition: indices in range; `matchedIoUSums.count == rowCount`.
    public init(rowCount: Int, classCount: Int, predictions: [Prediction],
                groundTruths: [(rowIndex: Int, classIndex: Int)], matchedIoUSums: [Double]) {
        precondition(matchedIoUSums.count == rowCount, "one IoU sum per row")
        self.rowCount = rowCount
        self.classCount = classCount
        var byClass = [[(Double, Int32, Bool)]](repeating: [], count: classCount)
        for prediction in predictions {
            precondition((0..<rowCount).contains(prediction.rowIndex) && (0..<classCount).contains(prediction.classIndex),
                         "prediction out of range")
            byClass[prediction.classIndex].append((prediction.score, Int32(prediction.rowIndex), prediction.isTruePositive))
        }
        // Descending score, ties in input order (a stable sort on the position).
        var codes: [Int32] = [], starts = [0]
        codes.reserveCapacity(predictions.count)
        for entries in byClass {
            for position in entries.indices.sorted(by: { entries[$0].0 > entries[$1].0 || (entries[$0].0 == entries[$1].0 && $0 < $1) }) {
                codes.append(entries[position].2 ? ~entries[position].1 : entries[position].1)
            }
            starts.append(codes.count)
        }
        rankedCodes = codes
        classStarts = starts
        maxTruePositivesPerClass = 1 + (byClass.map { $0.reduce(0) { $0 + ($1.2 ? 1 : 0) } }.max() ?? 0)
        for truth in groundTruths {
            precondition((0..<rowCount).contains(truth.rowIndex) && (0..<classCount).contains(truth.classIndex),
                         "ground truth out of range")
        }
        truthRows = groundTruths.map { Int32($0.rowIndex) }
        truthClasses = groundTruths.map { Int32($0.classIndex) }
        self.matchedIoUSums = matchedIoUSums
    }

    /// The names of `Values.flattened`, given the class names.
    public static func statisticNames(classNames: [String]) -> [String] {
        ["precision", "recall", "f1", "mean_iou", "AP50"] + classNames.flatMap { ["AP50:\($0)", "precision:\($0)", "recall:\($0)"] }
    }

    /// The metrics with every row once (`weights == nil`) or row `i` counted `weights[i]` times.
    /// - Complexity: O(n + G + P + C · 101) for G counted ground truths.
    public func values(weights: [Int32]? = nil) -> Values {
        let weights = weights ?? [Int32](repeating: 1, count: rowCount)
        precondition(weights.count == rowCount, "one weight per row")
        return weights.withUnsafeBufferPointer { weights in values(weights) }
    }

    private func values(_ weights: UnsafeBufferPointer<Int32>) -> Values {
        var positivesByClass = [Int](repeating: 0, count: classCount)
        truthRows.withUnsafeBufferPointer { rows in
            truthClasses.withUnsafeBufferPointer { classes in
                for i in rows.indices { positivesByClass[Int(classes[i])] += Int(weights[Int(rows[i])]) }
            }
        }
        var iouSum = 0.0
        for row in 0..<rowCount { iouSum += Double(weights[row]) * matchedIoUSums[row] }
        var perClass: [ClassValues] = []
        perClass.reserveCapacity(classCount)
        var totalTP = 0, totalPredictions = 0
        // One entry per true-positive prediction, in rank order: the true positives counted after
        // its copies and the precision there. The copies of a drawn row are adjacent and
        // precision rises along them, so after the envelope they all share their last one's
        // value; a prediction whose row is not drawn adds an entry that changes nothing.
        var counts = [Int](repeating: 0, count: maxTruePositivesPerClass)
        var precisions = [Double](repeating: 0, count: maxTruePositivesPerClass)
        for k in 0..<classCount {
            var tp = 0, fp = 0, entries = 0
            rankedCodes.withUnsafeBufferPointer { codes in
                counts.withUnsafeMutableBufferPointer { counts in
                    precisions.withUnsafeMutableBufferPointer { precisions in
                        // Branch-free: true and false positives interleave unpredictably.
                        for position in classStarts[k]..<classStarts[k + 1] {
                            let code = codes[position]
                            let mask = Int(code >> 31)
                            let w = Int(weights[Int(code ^ Int32(truncatingIfNeeded: mask))])
                            tp &+= w & mask
                            fp &+= w & ~mask
                            counts[entries] = tp
                            precisions[entries] = Double(tp) / (Double(fp) + Double(tp) + Double.ulpOfOne)
                            entries &+= mask & 1
                        }
                    }
                }
            }
            let positives = positivesByClass[k]
            totalTP += tp
            totalPredictions += tp + fp
            perClass.append(ClassValues(
                precision: tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil,
                recall: positives > 0 ? Double(tp) / Double(positives) : nil,
                averagePrecision: positives > 0
                    ? Self.interpolatedPrecision(counts: counts, precisions: &precisions, entries: entries, positives: positives)
                    : nil,
                predictions: tp + fp, groundTruths: positives))
        }
        let totalTruths = positivesByClass.reduce(0, +)
        let precision = totalPredictions > 0 ? Double(totalTP) / Double(totalPredictions) : nil
        let recall = totalTruths > 0 ? Double(totalTP) / Double(totalTruths) : nil
        var f1: Double?
        if let precision, let recall { f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        let aps = perClass.compactMap(\.averagePrecision)
        return Values(precision: precision, recall: recall, f1: f1, meanIoU: totalTP > 0 ? iouSum / Double(totalTP) : nil,
                      meanAveragePrecision: aps.isEmpty ? nil : aps.reduce(0, +) / Double(aps.count), perClass: perClass)
    }

    /// Point values and percentile-bootstrap intervals of `Values.flattened` (names from
    /// `statisticNames`), resampling rows as `Bootstrap.percentiles` does.
    /// - Complexity: O(resamples · (n + G + P + C · 101)), spread over the processors.
    public func bootstrap(resamples: Int = Bootstrap.defaultResamples, confidence: Double = Bootstrap.defaultConfidence,
                          seed: UInt64) -> [Bootstrap.Result] {
        Bootstrap.percentiles(rowCount: rowCount, resamples: resamples, confidence: confidence, seed: seed,
                              weightedStatistics: { weights in values(weights: weights).flattened })
    }

    /// The mean over pycocotools' 101 recall levels of the enveloped precision at the first
    /// true positive reaching each level (0 past the last one reached). Only true positives are
    /// entries: recall rises only there, and between them precision does not rise.
    private static func interpolatedPrecision(counts: [Int], precisions: inout [Double], entries: Int, positives: Int) -> Double {
        var levels = [Double](repeating: 0, count: recallLevels.count)
        counts.withUnsafeBufferPointer { counts in
            precisions.withUnsafeMutableBufferPointer { precisions in
                var i = entries - 1
                while i > 0 {
                    if precisions[i] > precisions[i - 1] { precisions[i - 1] = precisions[i] }
                    i -= 1
                }
                let total = Double(positives)
                var position = 0
                for (r, level) in recallLevels.enumerated() {
                    // The fewest true positives whose recall, as pycocotools divides it, reaches
                    // the level: from ⌈level · positives⌉, corrected for rounding by the division.
                    var needed = Int((level * total).rounded(.up))
                    while needed > 0 && Double(needed - 1) / total >= level { needed -= 1 }
                    while Double(needed) / total < level { needed += 1 }
                    while position < entries && counts[position] < needed { position += 1 }
                    guard position < entries else { break }
                    levels[r] = precisions[position]
                }
            }
        }
        // NumPy's pairwise mean, as pycocotools takes it, so the value is bitwise its AP.
        return NumPyArithmetic.mean(levels) ?? 0
    }

    private static let recallLevels = COCOEvaluationParameters.linspace(from: 0, to: 1, count: 101)
}

/// A detection confusion matrix of `(classCount + 1) × (classCount + 1)` counts: rows are the
/// ground-truth class, columns the predicted class, and the last row and column stand for
/// "none" (a prediction that matched no object, an object that no prediction matched).
///
/// Built from a class-agnostic matching, separate from the per-class one of
/// `DetectionRowDiagnostics` (FiftyOne's `classwise=False`): in each row, the predictions at or
/// above the score threshold are taken by score descending (ties in input order), and each
/// takes the unmatched non-crowd ground truth of *any* class with the highest IoU `>=` the
/// threshold (on equal IoU an object of the prediction's own class first, then the lower
/// index). A match counts at `(object class, predicted class)`, an unmatched prediction at
/// `(none, predicted class)` and an unmatched object at `(object class, none)`. Crowd regions
/// take no part, so a prediction that a crowd absorbs in the per-class matching lands in the
/// "none" row here. Hence every non-crowd object is counted in exactly one cell of its row and
/// every taking-part prediction in exactly one cell of its column; `(none, none)` stays 0. The
/// diagonal can be below the per-class true positives when an object of another class overlaps
/// a prediction more than its own class's object does.
public struct DetectionConfusionMatrix: Hashable, Sendable, Codable {
    /// `K`, the number of classes; the matrix is `(K + 1) × (K + 1)`.
    public let classCount: Int
    /// The counts, row-major: row `g` (ground truth, `K` = none), column `p` (predicted, `K` = none).
    public private(set) var counts: [Int]

    /// One cell with a count: objects of class `groundTruth` (nil = none) predicted as
    /// `predicted` (nil = none).
    public struct Cell: Hashable, Sendable, Codable {
        /// The ground-truth class index; `nil` for a prediction that matched no object.
        public var groundTruth: Int?
        /// The predicted class index; `nil` for an object that no prediction matched.
        public var predicted: Int?
        /// How many.
        public var count: Int

        /// A cell with its count.
        public init(groundTruth: Int?, predicted: Int?, count: Int) {
            self.groundTruth = groundTruth
            self.predicted = predicted
            self.count = count
        }
    }

    /// An all-zero matrix.
    public init(classCount: Int) {
        precondition(classCount >= 0, "DetectionConfusionMatrix: negative class count")
        self.classCount = classCount
        self.counts = [Int](repeating: 0, count: (classCount + 1) * (classCount + 1))
    }

    /// The count of objects of class `groundTruth` (nil = none) predicted as `predicted` (nil = none).
    public subscript(groundTruth groundTruth: Int?, predicted predicted: Int?) -> Int {
        counts[(groundTruth ?? classCount) * (classCount + 1) + (predicted ?? classCount)]
    }

    /// Adds the class-agnostic matching of one row, given its kept predictions in rank order,
    /// and returns the row's cells (see `DetectionRowDiagnostics.confusionCells`).
    /// - Complexity: O(m · n).
    @discardableResult
    mutating func add(_ row: DetectionRow, ranking: [Int], parameters: DetectionDiagnosticParameters) -> [Cell] {
        let n = row.groundTruthCount, k = classCount, t = parameters.iouThreshold
        var rowCounts: [Int: Int] = [:]
        defer { for (index, count) in rowCounts { counts[index] += count } }
        var taken = row.groundTruthIsCrowd  // crowd regions count as unavailable
        row.intersectionOverUnion.withUnsafeBufferPointer { iou in
            for p in ranking {
                let c = row.predictionClasses[p]
                var best: Int?
                var bestIoU = t, bestSame = false
                for g in 0..<n where !taken[g] {
                    let value = iou[p * n + g]
                    guard value >= bestIoU else { continue }
                    let same = row.groundTruthClasses[g] == c
                    if best == nil || value > bestIoU || (same && !bestSame) {
                        best = g
                        bestIoU = value
                        bestSame = same
                    }
                }
                if let g = best {
                    taken[g] = true
                    rowCounts[row.groundTruthClasses[g] * (k + 1) + c, default: 0] += 1
                } else {
                    rowCounts[k * (k + 1) + c, default: 0] += 1
                }
            }
        }
        for g in 0..<n where !taken[g] {
            rowCounts[row.groundTruthClasses[g] * (k + 1) + k, default: 0] += 1
        }
        return rowCounts.keys.sorted().map { index in
            let g = index / (k + 1), p = index % (k + 1)
            return Cell(groundTruth: g == k ? nil : g, predicted: p == k ? nil : p, count: rowCounts[index]!)
        }
    }
}

/// A `K × K` table of counts: entry `(t, p)` counts the rows (or pixels) whose true class is `t`
/// and predicted class is `p`. Rows are true classes, columns predicted classes, as in
/// `sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(K))`. Stored row-major.
///
/// Classification and semantic segmentation share this type: precision, recall and F1
/// (`ConfusionMatrix+ClassScores.swift`) and IoU and Dice (`Segmentation/`) all derive from it.
public struct ConfusionMatrix: Hashable, Sendable, Codable {
    /// The number of classes `K`.
    public let classCount: Int
    /// `K * K` counts, row-major: `counts[t * K + p]`. Settable inside LoupeCore so that the
    /// segmentation accumulator can count pixels in place.
    public internal(set) var counts: [Int]

    /// An all-zero matrix.
    /// - Precondition: `classCount >= 1`.
    public init(classCount: Int) {
        precondition(classCount >= 1, "a confusion matrix needs at least one class")
        self.classCount = classCount
        self.counts = [Int](repeating: 0, count: classCount * classCount)
    }

    /// A matrix over existing counts.
    /// - Precondition: `counts.count == classCount * classCount` and no count is negative.
    public init(classCount: Int, counts: [Int]) {
        precondition(classCount >= 1 && counts.count == classCount * classCount && counts.allSatisfy { $0 >= 0 },
                     "ConfusionMatrix: \(counts.count) counts for \(classCount) classes")
        self.classCount = classCount
        self.counts = counts
    }

    /// The matrix of paired labels.
    /// - Precondition: equal lengths, every label in `0..<classCount`.
    /// - Complexity: O(n + K²).
    public init(classCount: Int, trueLabels: [Int], predictedLabels: [Int]) {
        precondition(trueLabels.count == predictedLabels.count, "ConfusionMatrix: label arrays of different lengths")
        self.init(classCount: classCount)
        counts.withUnsafeMutableBufferPointer { table in
            for (t, p) in zip(trueLabels, predictedLabels) {
                precondition(t >= 0 && t < classCount && p >= 0 && p < classCount, "ConfusionMatrix: label out of range")
                table[t * classCount + p] += 1
            }
        }
    }

    /// The count of rows with true class `truth` predicted as `predicted`.
    public subscript(truth: Int, predicted: Int) -> Int {
        counts[truth * classCount + predicted]
    }

    /// Counts one more row with true class `truth` predicted as `predicted`.
    public mutating func add(truth: Int, predicted: Int, count: Int = 1) {
        counts[truth * classCount + predicted] += count
    }

    /// Adds another matrix's counts (merging partial accumulations).
    /// - Precondition: equal class counts.
    /// - Complexity: O(K²).
    public mutating func add(_ other: ConfusionMatrix) {
        precondition(other.classCount == classCount, "ConfusionMatrix: adding \(other.classCount) classes to \(classCount)")
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// All counted rows: the sum of every entry.
    public var total: Int { counts.reduce(0, +) }

    /// Correctly classified rows: the trace.
    public var correct: Int { (0..<classCount).reduce(0) { $0 + self[$1, $1] } }

    /// Per class, the rows whose true class it is (row sums; scikit-learn's `support`).
    /// - Complexity: O(K²).
    public var truthCounts: [Int] {
        (0..<classCount).map { t in counts[(t * classCount)..<((t + 1) * classCount)].reduce(0, +) }
    }

    /// Per class, the rows predicted as it (column sums).
    /// - Complexity: O(K²).
    public var predictedCounts: [Int] {
        var sums = [Int](repeating: 0, count: classCount)
        for t in 0..<classCount {
            for p in 0..<classCount { sums[p] += counts[t * classCount + p] }
        }
        return sums
    }
}

/// A single-label classification run: the true class, the predicted class and, optionally, the
/// predicted probabilities of `n` examples over `K` classes (class indices `0..<K`), with the
/// metrics scikit-learn 1.9.1 defines on them.
///
/// Label metrics (accuracy, confusion matrix, precision/recall/F1) are here and in
/// `ConfusionMatrix+ClassScores.swift`; probability metrics (top-k accuracy, log loss, Brier
/// score) in `+Probabilities`, ranking metrics (one-vs-rest ROC-AUC, average precision) in
/// `+Ranking`, calibration in `+Calibration`. Metrics that need probabilities are `nil` when none
/// were given; every metric is `nil` on an empty run.
public struct ClassificationEvaluation: Hashable, Sendable {
    /// The number of classes `K`.
    public let classCount: Int
    /// The true class of each row, in `0..<K`.
    public let trueLabels: [Int]
    /// The predicted class of each row, in `0..<K`: as given, or the probabilities' top class
    /// (lowest index on ties, `numpy.argmax`) when none were given.
    public let predictedLabels: [Int]
    /// The predicted probabilities, `n × K`, when given.
    public let probabilities: ProbabilityMatrix?
    /// The confusion matrix of `trueLabels` against `predictedLabels` (rows true, columns predicted).
    public let confusion: ConfusionMatrix

    /// A run from labels and optional probabilities.
    ///
    /// - Parameters:
    ///   - classCount: `K >= 2`.
    ///   - trueLabels: the true class per row.
    ///   - predictedLabels: the predicted class per row; `nil` to take the top class of `probabilities`.
    ///   - probabilities: the `n × K` probability matrix, if the model produced one.
    /// - Throws: `ClassificationInputError` when `K < 2`, a label is outside `0..<K`, lengths
    ///   differ, the probability matrix has another class count, or neither predictions nor
    ///   probabilities are given.
    /// - Complexity: O(n · K + K²).
    public init(
        classCount: Int, trueLabels: [Int], predictedLabels: [Int]? = nil, probabilities: ProbabilityMatrix? = nil
    ) throws(ClassificationInputError) {
        guard classCount >= 2 else {
            throw ClassificationInputError(reason: "classification needs at least 2 classes, got \(classCount)")
        }
        if let probabilities {
            guard probabilities.classes == classCount, probabilities.rows == trueLabels.count else {
                throw ClassificationInputError(reason: "probabilities are \(probabilities.rows) × \(probabilities.classes), "
                    + "expected \(trueLabels.count) × \(classCount)")
            }
        }
        guard let predicted = predictedLabels ?? probabilities?.topClasses() else {
            throw ClassificationInputError(reason: "give predicted labels, probabilities or both")
        }
        guard predicted.count == trueLabels.count else {
            throw ClassificationInputError(reason: "\(trueLabels.count) true labels but \(predicted.count) predicted labels")
        }
        for (row, label) in trueLabels.enumerated() where label < 0 || label >= classCount {
            throw ClassificationInputError(row: row, reason: "true label \(label) is not in 0..<\(classCount)")
        }
        for (row, label) in predicted.enumerated() where label < 0 || label >= classCount {
            throw ClassificationInputError(row: row, reason: "predicted label \(label) is not in 0..<\(classCount)")
        }
        self.init(classCount: classCount, trueLabels: trueLabels, predicted: predicted, probabilities: probabilities)
    }

    private init(classCount: Int, trueLabels: [Int], predicted: [Int], probabilities: ProbabilityMatrix?) {
        self.classCount = classCount
        self.trueLabels = trueLabels
        self.predictedLabels = predicted
        self.probabilities = probabilities
        self.confusion = ConfusionMatrix(classCount: classCount, trueLabels: trueLabels, predictedLabels: predicted)
    }

    /// The number of rows `n`.
    public var rowCount: Int { trueLabels.count }

    /// The rows at `indices` (repeats allowed), in that order: the run restricted to a subset, or a
    /// bootstrap resample (`Bootstrap.percentile(rowCount:…) { evaluation.selecting(rows: $0).accuracy?.value }`).
    /// Copies the probability rows too; for a statistic of labels only, bootstrapping a precomputed
    /// per-row array (e.g. `correct`) is several times faster.
    /// - Precondition: every index is in `0..<rowCount`.
    /// - Complexity: O(m · K + K²) for `m` indices.
    public func selecting(rows indices: [Int]) -> ClassificationEvaluation {
        ClassificationEvaluation(classCount: classCount, trueLabels: indices.map { trueLabels[$0] },
                                 predicted: indices.map { predictedLabels[$0] },
                                 probabilities: probabilities?.selecting(rows: indices))
    }

    /// Per row, whether the predicted label equals the true label.
    /// - Complexity: O(n).
    public var correct: [Bool] { zip(trueLabels, predictedLabels).map { $0 == $1 } }

    /// The fraction of rows predicted correctly (`sklearn.metrics.accuracy_score`); support `n`.
    /// `nil` when there are no rows.
    /// - Complexity: O(K).
    public var accuracy: MetricEstimate? {
        guard rowCount > 0 else { return nil }
        return MetricEstimate(value: Double(confusion.correct) / Double(rowCount), support: rowCount)
    }

    /// Precision, recall and F1 per class (see `ClassScores`).
    /// - Complexity: O(K²).
    public var classScores: [ClassScores] { confusion.classScores }

    /// Precision, recall and F1 averaged over classes (see `ConfusionMatrix.averagedScores(_:)`:
    /// equal to scikit-learn with `zero_division=0`).
    /// - Complexity: O(K²).
    public func averagedScores(_ averaging: ScoreAveraging) -> AveragedScores? {
        confusion.averagedScores(averaging)
    }
}

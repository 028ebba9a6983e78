extension ConfusionMatrix {
    /// Precision, recall and F1 for every class `0..<K`, in class order (see `ClassScores`).
    /// - Complexity: O(K²).
    public var classScores: [ClassScores] {
        let truth = truthCounts, predicted = predictedCounts
        return (0..<classCount).map { c in
            ClassScores(classIndex: c, truePositives: self[c, c], support: truth[c], predictedCount: predicted[c])
        }
    }

    /// Precision, recall and F1 averaged over classes, equal to scikit-learn's
    /// `precision_recall_fscore_support(y_true, y_pred, average=…, zero_division=0)` with the
    /// default `labels=None`:
    ///
    /// - the classes averaged are those that occur in the truth or the predictions (a class absent
    ///   from both is left out, not counted as 0);
    /// - within them an undefined per-class value (`nil` in `ClassScores`: precision of a class
    ///   never predicted, recall of a class never true) counts as 0 (`zero_division=0`);
    /// - `.macro` is the plain mean, `.weighted` weights each class by its support (so a class that
    ///   was predicted but never true weighs 0), `.micro` pools the counts: TP / n for all three.
    ///
    /// Returns `nil` for an empty matrix (no rows).
    /// - Complexity: O(K²).
    public func averagedScores(_ averaging: ScoreAveraging) -> AveragedScores? {
        let n = total
        guard n > 0 else { return nil }
        let scores = classScores.filter { $0.support > 0 || $0.predictedCount > 0 }
        switch averaging {
        case .micro:
            let value = Double(correct) / Double(n)
            return AveragedScores(averaging: .micro, precision: value, recall: value, f1: value,
                                  classes: scores.count, support: n)
        case .macro:
            let count = Double(scores.count)
            return AveragedScores(averaging: .macro,
                                  precision: scores.reduce(0) { $0 + ($1.precision ?? 0) } / count,
                                  recall: scores.reduce(0) { $0 + ($1.recall ?? 0) } / count,
                                  f1: scores.reduce(0) { $0 + ($1.f1 ?? 0) } / count,
                                  classes: scores.count, support: n)
        case .weighted:
            let weight = Double(n)
            func mean(_ value: (ClassScores) -> Double?) -> Double {
                scores.reduce(0) { $0 + (value($1) ?? 0) * Double($1.support) } / weight
            }
            return AveragedScores(averaging: .weighted, precision: mean(\.precision), recall: mean(\.recall),
                                  f1: mean(\.f1), classes: scores.count, support: n)
        }
    }
}

/// How per-class scores are averaged into one number.
public enum ScoreAveraging: String, Hashable, Sendable, Codable, CaseIterable {
    /// The unweighted mean over the classes that occur in the truth or the predictions.
    case macro
    /// Scores from the pooled counts; for single-label classification precision, recall and F1
    /// all equal accuracy.
    case micro
    /// The mean over classes weighted by support (true count).
    case weighted
}

/// Precision, recall and F1 averaged over classes.
public struct AveragedScores: Hashable, Sendable, Codable {
    /// The averaging.
    public var averaging: ScoreAveraging
    /// The averaged precision.
    public var precision: Double
    /// The averaged recall.
    public var recall: Double
    /// The averaged F1 (the average of per-class F1, not the F1 of averaged precision and recall).
    public var f1: Double
    /// The classes averaged: those occurring in the truth or the predictions.
    public var classes: Int
    /// The rows counted (all rows of the confusion matrix).
    public var support: Int

    /// Averaged scores from their parts.
    public init(averaging: ScoreAveraging, precision: Double, recall: Double, f1: Double, classes: Int, support: Int) {
        self.averaging = averaging
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.classes = classes
        self.support = support
    }
}

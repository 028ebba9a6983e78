/// One metric of two runs scored on the same rows, compared with a paired bootstrap: A's value,
/// B's value, the difference `B − A`, its interval and a plain verdict on B.
///
/// The interval is `Bootstrap.pairedDifference` of the two statistics on the same resampled rows
/// (row `i` is the same example in both runs), so it reflects only how the runs differ, not how
/// hard the rows are.
///
/// Verdict: B is `.better` when the whole interval lies strictly on the good side of 0 (above for a
/// higher-is-better metric such as accuracy, below for a lower-is-better one such as log loss),
/// `.worse` when it lies strictly on the bad side, and `.notSignificant` otherwise, including an
/// interval touching 0 and no valid resample. There is no verdict (`nil`) when the metric is
/// undefined on either run's full sample.
///
/// Reference: Efron and Tibshirani, *An Introduction to the Bootstrap* (1993), §16.4 (paired data).
public struct PairedComparison: Hashable, Sendable, Codable {
    /// What the interval of `B − A` says about run B.
    public enum Verdict: String, Hashable, Sendable, Codable {
        /// B is better than A at the interval's confidence.
        case better
        /// B is worse than A at the interval's confidence.
        case worse
        /// The interval admits no difference (or could not be estimated).
        case notSignificant
    }

    /// The metric on run A's full sample, `nil` when undefined there.
    public let valueA: Double?
    /// The metric on run B's full sample, `nil` when undefined there.
    public let valueB: Double?
    /// The interval of `B − A` over the valid resamples; `nil` when none was valid.
    public let interval: Interval?
    /// The number of rows both runs were scored on.
    public let support: Int
    /// The number of resamples drawn.
    public let resamples: Int
    /// The resamples on which both statistics were defined.
    public let validResamples: Int
    /// Whether a larger value of the metric is better.
    public let higherIsBetter: Bool
    /// `valueB − valueA`, when both are defined.
    public let difference: Double?
    /// The verdict on B (see the type); `nil` when the metric is undefined on either run.
    public let verdict: Verdict?

    /// A comparison from its parts; `difference` and `verdict` are derived from them.
    public init(valueA: Double?, valueB: Double?, interval: Interval?, support: Int, resamples: Int,
                validResamples: Int, higherIsBetter: Bool) {
        self.valueA = valueA
        self.valueB = valueB
        self.interval = interval
        self.support = support
        self.resamples = resamples
        self.validResamples = validResamples
        self.higherIsBetter = higherIsBetter
        if let valueA, let valueB {
            difference = valueB - valueA
            verdict = Self.verdict(interval: interval, higherIsBetter: higherIsBetter)
        } else {
            difference = nil
            verdict = nil
        }
    }


    /// The verdict an interval of `B − A` gives: `.better` when it lies strictly on the good side
    /// of 0, `.worse` when strictly on the bad side, else (or without an interval) `.notSignificant`.
    /// - Complexity: O(1).
    public static func verdict(interval: Interval?, higherIsBetter: Bool) -> Verdict {
        guard let interval else { return .notSignificant }
        if interval.lower > 0 { return higherIsBetter ? .better : .worse }
        if interval.upper < 0 { return higherIsBetter ? .worse : .better }
        return .notSignificant
    }

    /// Compares a metric of two runs on the same `rowCount` rows.
    ///
    /// - Parameters:
    ///   - rowCount: the number of rows; both statistics receive indices in `0..<rowCount`.
    ///   - resamples, confidence, seed, parallel: as in `Bootstrap.pairedDifference`.
    ///   - higherIsBetter: the metric's direction (accuracy: `true`; error rate, loss: `false`).
    ///   - a: run A's metric on the rows at the given indices (with repeats), `nil` when undefined.
    ///   - b: run B's metric, likewise.
    /// - Precondition: `rowCount >= 0`, `resamples >= 0`, `0 < confidence < 1`.
    /// - Complexity: O(resamples · (rowCount + cost of both statistics)).
    public static func compare(
        rowCount: Int,
        resamples: Int = Bootstrap.defaultResamples,
        confidence: Double = Bootstrap.defaultConfidence,
        seed: UInt64,
        parallel: Bool = true,
        higherIsBetter: Bool,
        a: @escaping @Sendable (_ rows: [Int]) -> Double?,
        b: @escaping @Sendable (_ rows: [Int]) -> Double?
    ) -> PairedComparison {
        let all = Array(0..<rowCount)
        let finite: (Double?) -> Double? = { $0.flatMap { $0.isFinite ? $0 : nil } }
        let paired = Bootstrap.pairedDifference(rowCount: rowCount, resamples: resamples, confidence: confidence,
                                                seed: seed, parallel: parallel, first: b, second: a)
        return PairedComparison(valueA: finite(a(all)), valueB: finite(b(all)), interval: paired.interval,
                             support: rowCount, resamples: resamples, validResamples: paired.validResamples,
                             higherIsBetter: higherIsBetter)
    }
}

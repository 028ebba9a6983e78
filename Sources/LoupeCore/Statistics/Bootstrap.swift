import Dispatch

/// Seeded percentile bootstrap over the rows of a sample.
///
/// Resample `r` (0-based) draws `n` row indices uniformly with replacement from
/// `SplitMix64(seed: SplitMix64.mix(seed &+ (r + 1) &* SplitMix64.increment))` through
/// `nextIndex(below: n)`; that per-resample seed is the `(r+1)`-th output of `SplitMix64(seed: seed)`.
/// Each resample therefore depends only on `(seed, r, n)`, not on which thread runs it or in what
/// order, so the result is identical with or without parallelism and on every machine.
///
/// The interval is the percentile interval: the `(1 - confidence) / 2` and `(1 + confidence) / 2`
/// quantiles (NumPy's default linear interpolation, `Quantile.linear`) of the statistic over the
/// valid resamples. Resamples on which the statistic is undefined (`nil`, NaN or infinite) are
/// skipped and counted.
///
/// Reference: Efron and Tibshirani, *An Introduction to the Bootstrap* (1993), ch. 13;
/// `numpy.quantile` for the interpolation.
public enum Bootstrap {
    /// The default number of resamples.
    public static let defaultResamples = 1000
    /// The default confidence level.
    public static let defaultConfidence = 0.95

    /// A bootstrap's outcome.
    public struct Result: Hashable, Sendable {
        /// The statistic on the full sample (rows `0..<n` in order), `nil` when undefined there.
        public var value: Double?
        /// The percentile interval over the valid resamples, `nil` when no resample was valid.
        public var interval: Interval?
        /// The number of rows `n`.
        public var support: Int
        /// The number of resamples drawn.
        public var resamples: Int
        /// The number of resamples on which the statistic was defined (and finite).
        public var validResamples: Int

        /// Resamples skipped because the statistic was undefined on them.
        public var skippedResamples: Int { resamples - validResamples }

        /// The point estimate with its interval and support, when the full-sample value is defined.
        public var estimate: MetricEstimate? {
            value.map { MetricEstimate(value: $0, support: support, interval: interval) }
        }
    }

    /// The row indices of resample `resample`: `rowCount` draws with replacement, in draw order.
    ///
    /// This is exactly what `percentile` and `pairedDifference` pass to the statistic, exposed so
    /// that a result can be reproduced or audited resample by resample.
    /// - Complexity: O(rowCount).
    public static func resampleIndices(rowCount: Int, resample: Int, seed: UInt64) -> [Int] {
        precondition(rowCount >= 0 && resample >= 0, "resampleIndices: negative row count or resample")
        var generator = SplitMix64(seed: resampleSeed(seed: seed, resample: resample))
        return (0..<rowCount).map { _ in generator.nextIndex(below: rowCount) }
    }

    /// Percentile bootstrap of one statistic.
    ///
    /// - Parameters:
    ///   - rowCount: the sample size `n`; the statistic receives `n` indices in `0..<n`.
    ///   - resamples: how many resamples to draw (default 1000).
    ///   - confidence: the interval's coverage, in `(0, 1)` (default 0.95).
    ///   - seed: the seed; equal seeds give equal results.
    ///   - parallel: spread resamples over cores with `DispatchQueue.concurrentPerform`; the
    ///     result is identical either way.
    ///   - statistic: the statistic of the rows at the given indices (with repeats); `nil` when
    ///     undefined on them. Called once on `0..<n` and once per resample, possibly concurrently.
    /// - Precondition: `rowCount >= 0`, `resamples >= 0`, `0 < confidence < 1`.
    /// - Complexity: O(resamples · (n + cost of the statistic) + resamples · log resamples).
    public static func percentile(
        rowCount: Int,
        resamples: Int = defaultResamples,
        confidence: Double = defaultConfidence,
        seed: UInt64,
        parallel: Bool = true,
        statistic: @escaping @Sendable (_ rows: [Int]) -> Double?
    ) -> Result {
        run(rowCount: rowCount, resamples: resamples, confidence: confidence, seed: seed,
            parallel: parallel, statistic: statistic)
    }

    /// Percentile bootstrap of the difference `first - second` of two statistics evaluated on the
    /// same resample, for comparing two runs scored on the same rows (row `i` of both refers to the
    /// same example). Pairing removes the between-row variance the two share, so the interval is
    /// much narrower than one built from two independent bootstraps.
    ///
    /// A resample is skipped when either statistic is undefined on it; the point estimate is `nil`
    /// when either is undefined on the full sample. Parameters and complexity as in `percentile`.
    public static func pairedDifference(
        rowCount: Int,
        resamples: Int = defaultResamples,
        confidence: Double = defaultConfidence,
        seed: UInt64,
        parallel: Bool = true,
        first: @escaping @Sendable (_ rows: [Int]) -> Double?,
        second: @escaping @Sendable (_ rows: [Int]) -> Double?
    ) -> Result {
        run(rowCount: rowCount, resamples: resamples, confidence: confidence, seed: seed, parallel: parallel) { rows in
            guard let a = first(rows), let b = second(rows) else { return nil }
            return a - b
        }
    }

    /// The seed of resample `r`: the `(r+1)`-th output of `SplitMix64(seed: seed)`, computed directly.
    static func resampleSeed(seed: UInt64, resample: Int) -> UInt64 {
        SplitMix64.mix(seed &+ (UInt64(resample) &+ 1) &* SplitMix64.increment)
    }

    private static func run(
        rowCount: Int, resamples: Int, confidence: Double, seed: UInt64, parallel: Bool,
        statistic: @escaping @Sendable ([Int]) -> Double?
    ) -> Result {
        precondition(rowCount >= 0, "bootstrap: negative row count \(rowCount)")
        precondition(resamples >= 0, "bootstrap: negative resample count \(resamples)")
        precondition(confidence > 0 && confidence < 1, "bootstrap: confidence \(confidence) is outside (0, 1)")
        let full = statistic(Array(0..<rowCount)).flatMap { $0.isFinite ? $0 : nil }

        // One slot per resample, written by exactly one iteration: no ordering dependence.
        var values = [Double](repeating: .nan, count: resamples)
        values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            let body: @Sendable (Int) -> Void = { r in
                let rows = resampleIndices(rowCount: rowCount, resample: r, seed: seed)
                if let value = statistic(rows), value.isFinite { slots[r] = value }
            }
            if parallel && resamples > 1 {
                DispatchQueue.concurrentPerform(iterations: resamples, execute: body)
            } else {
                for r in 0..<resamples { body(r) }
            }
        }
        var valid = values.filter { !$0.isNaN }
        valid.sort()
        let lowerLevel = (1 - confidence) / 2
        let upperLevel = (1 + confidence) / 2
        var interval: Interval?
        if let lower = Quantile.linear(sorted: valid, q: lowerLevel),
           let upper = Quantile.linear(sorted: valid, q: upperLevel) {
            interval = Interval(lower: lower, upper: upper, confidence: confidence)
        }
        return Result(value: full, interval: interval, support: rowCount, resamples: resamples,
                      validResamples: valid.count)
    }
}

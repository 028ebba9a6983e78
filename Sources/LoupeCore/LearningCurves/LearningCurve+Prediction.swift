#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LearningCurve {
    /// The predicted metric at `labelCount`: `ceiling − scale · n^(−exponent)`, clamped to [0, 1]
    /// when `options.boundedMetric` (the power law goes to −∞ as `n → 0`).
    /// - Precondition: `labelCount > 0`.
    /// - Complexity: O(1).
    public func metric(at labelCount: Double) -> Double {
        let value = parameters.metric(at: labelCount)
        return options.boundedMetric ? min(max(value, 0), 1) : value
    }

    /// The predicted metric at `labelCount` with its profile-t interval at `options.confidence`
    /// (`support` is the number of points fitted).
    ///
    /// The interval is `{ v : min RSS over curves with metric(n) = v ≤ RSS·(1 + t²_{m−3}/(m − 3)) }`,
    /// the same rule as the parameters' intervals, so it respects the bounds (never above the
    /// ceiling's upper bound 1) and widens as `n` moves away from the observed counts. When bounded,
    /// value and interval are clamped to [0, 1]. Edge cases: no interval with 3 points; a zero-width
    /// interval when the points lie exactly on the curve.
    /// - Precondition: `labelCount > 0`.
    /// - Complexity: O(150 · grid · m), about a millisecond for 6 points.
    public func prediction(at labelCount: Double) -> MetricEstimate {
        let raw = parameters.metric(at: labelCount)
        let bounded = options.boundedMetric
        let clamp = { (v: Double) in bounded ? min(max(v, 0), 1) : v }
        let problem = Self.problem(points: points, bounded: bounded)
        guard let threshold = problem.profileThreshold(residualSumOfSquares: residualSumOfSquares, confidence: options.confidence) else {
            return MetricEstimate(value: clamp(raw), support: points.count)
        }
        let variance = covariance.map { c -> Double in
            let x = exp(-parameters.exponent * log(labelCount))
            let g = [1, -x, parameters.scale * log(labelCount) * x]
            return (0..<3).reduce(0) { sum, i in sum + (0..<3).reduce(0) { $0 + g[i] * c[i][$1] * g[$1] } }
        }
        let domain = (bounded ? min(0, raw) : -Double.infinity, problem.ceilingUpper)
        let (lower, upper) = problem.profileInterval(.metric(logCount: log(labelCount)), estimate: raw, domain: domain,
                                                     threshold: threshold, initialStep: Self.initialStep(estimate: raw, variance: variance))
        let interval = Interval(lower: clamp(min(lower, raw)), upper: clamp(max(upper, raw)), confidence: options.confidence)
        return MetricEstimate(value: clamp(raw), support: points.count, interval: interval)
    }
}

extension LearningCurve {
    /// The predicted change of the metric from `from` to `to` labels, `scale·(from^(−b) − to^(−b))`,
    /// with its profile-t interval at `options.confidence` (`support`: the points fitted).
    ///
    /// The interval is the profile of the gain itself (for each exponent the gain fixes the scale),
    /// so it accounts for the strong correlation between the two predictions, which the intervals of
    /// `prediction(at: from)` and `prediction(at: to)` cannot. It is `≥ 0` since curves never decrease.
    /// Edge cases: `from == to` gives 0 with a zero-width interval; no interval with 3 points; the value
    /// and interval are of the unclamped curve (they differ from the difference of clamped predictions
    /// only where the curve is below 0).
    /// - Precondition: `0 < from ≤ to`.
    /// - Complexity: O(150 · grid · m).
    public func gain(from: Double, to: Double) -> MetricEstimate {
        precondition(from > 0 && from <= to, "gain(from:to:) needs 0 < from ≤ to, got \(from) and \(to)")
        let value = parameters.metric(at: to) - parameters.metric(at: from)
        let problem = Self.problem(points: points, bounded: options.boundedMetric)
        guard let threshold = problem.profileThreshold(residualSumOfSquares: residualSumOfSquares, confidence: options.confidence) else {
            return MetricEstimate(value: value, support: points.count)
        }
        if from == to {
            return MetricEstimate(value: 0, support: points.count, interval: Interval(lower: 0, upper: 0, confidence: options.confidence))
        }
        let (b, s) = (parameters.exponent, parameters.scale)
        let (x1, x2, l1, l2) = (exp(-b * log(from)), exp(-b * log(to)), log(from), log(to))
        let variance = covariance.map { c -> Double in
            let g = [0, x1 - x2, s * (l2 * x2 - l1 * x1)]
            return (0..<3).reduce(0) { sum, i in sum + (0..<3).reduce(0) { $0 + g[i] * c[i][$1] * g[$1] } }
        }
        let (lower, upper) = problem.profileInterval(.gain(from: l1, to: l2), estimate: value, domain: (0, .infinity),
                                                     threshold: threshold, initialStep: Self.initialStep(estimate: value, variance: variance))
        return MetricEstimate(value: value, support: points.count,
                              interval: Interval(lower: min(lower, value), upper: max(upper, value), confidence: options.confidence))
    }
}

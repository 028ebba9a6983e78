#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LearningCurve {
    /// A seeded residual bootstrap of the fit: replicate curves refitted to `ŷᵢ + ε*ᵢ/√wᵢ`.
    ///
    /// The residuals are standardized (`eᵢ = √wᵢ (yᵢ − ŷᵢ)`), inflated by `√(m/(m − 3))` for the
    /// degrees of freedom the fit used, and centred; replicate `r` draws them with replacement at
    /// the indices `Bootstrap.resampleIndices(rowCount: m, resample: r, seed: seed)`, so each
    /// replicate depends only on `(seed, r)` and the result is the same with or without parallelism.
    /// Each refit uses the same grid-plus-Levenberg–Marquardt procedure as the fit.
    ///
    /// Why residuals rather than points: label counts are chosen, not sampled (a fixed design), and
    /// with 3–6 points a resample of points often has fewer than 3 distinct counts and cannot be fitted,
    /// leaving a small, lumpy set of distinct fits. With few points the bootstrap still understates the
    /// noise (it does not carry Student's t correction): in the simulation described on `LearningCurve`
    /// (6 points) its 95 % percentile intervals covered 84–87 %, which is why
    /// `LearningCurve.intervals` are profile-t intervals.
    ///
    /// Reference: Davison and Hinkley, *Bootstrap Methods and their Application* (1997), §6.2.3 and
    /// algorithm 6.1 (model-based resampling), with the simple `√(m/(m − p))` inflation.
    public struct ResidualBootstrap: Hashable, Sendable, Codable {
        /// The seed.
        public let seed: UInt64
        /// Whether predictions are clamped to [0, 1] (the fit's `boundedMetric`).
        public let boundedMetric: Bool
        /// The refitted parameters, in resample order.
        public let replicates: [Parameters]
        /// Percentile intervals (NumPy's linear quantiles) of each parameter over the replicates.
        public let intervals: ParameterIntervals

        init(problem: PowerLawProblem, solution s: PowerLawProblem.Solution, options: Options) {
            let m = problem.count
            let fitted = (0..<m).map { s.ceiling - s.gap * exp(-s.exponent * problem.centeredLogCounts[$0]) }
            let inflation = sqrt(Double(m) / Double(m - 3))
            var residuals = (0..<m).map { sqrt(problem.weights[$0]) * (problem.metrics[$0] - fitted[$0]) * inflation }
            let mean = residuals.reduce(0, +) / Double(m)
            residuals = residuals.map { $0 - mean }
            let seed = options.seed
            let body = { (r: Int) -> Parameters in
                let indices = Bootstrap.resampleIndices(rowCount: m, resample: r, seed: seed)
                let y = (0..<m).map { fitted[$0] + residuals[indices[$0]] / sqrt(problem.weights[$0]) }
                let fit = problem.fit(metrics: y).solution
                return Parameters(ceiling: fit.ceiling, scale: fit.gap * exp(fit.exponent * problem.referenceLog), exponent: fit.exponent)
            }
            let count = options.bootstrapResamples
            replicates = options.parallel ? ConcurrentMap.map(count: count, body) : (0..<count).map(body)
            self.seed = seed
            boundedMetric = options.boundedMetric
            let confidence = options.confidence
            func percentile(_ values: [Double]) -> Interval {
                let sorted = values.sorted()
                return Interval(lower: Quantile.linear(sorted: sorted, q: (1 - confidence) / 2)!,
                                upper: Quantile.linear(sorted: sorted, q: (1 + confidence) / 2)!, confidence: confidence)
            }
            intervals = ParameterIntervals(ceiling: percentile(replicates.map(\.ceiling)),
                                           scale: percentile(replicates.map(\.scale)),
                                           exponent: percentile(replicates.map(\.exponent)))
        }

        /// Each replicate's metric at `labelCount` (clamped to [0, 1] when bounded), in resample order.
        /// - Precondition: `labelCount > 0`.
        /// - Complexity: O(replicates).
        public func metrics(at labelCount: Double) -> [Double] {
            replicates.map { p in
                let value = p.metric(at: labelCount)
                return boundedMetric ? min(max(value, 0), 1) : value
            }
        }

        /// The percentile interval of the replicates' metric at `labelCount`.
        /// - Precondition: `labelCount > 0`, `0 < confidence < 1`.
        /// - Complexity: O(replicates · log replicates).
        public func interval(at labelCount: Double, confidence: Double = 0.95) -> Interval {
            let sorted = metrics(at: labelCount).sorted()
            return Interval(lower: Quantile.linear(sorted: sorted, q: (1 - confidence) / 2)!,
                            upper: Quantile.linear(sorted: sorted, q: (1 + confidence) / 2)!, confidence: confidence)
        }
    }
}

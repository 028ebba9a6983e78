#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning curve: the saturating power law
///
///     metric(n) = ceiling − scale · n^(−exponent)
///
/// fitted to `(labelCount, metric)` points of one class or slice across a model's runs. In error
/// terms it is `error(n) = floor + scale·n^(−exponent)` with `floor = 1 − ceiling`, the form of
/// Hestness et al., "Deep Learning Scaling is Predictable, Empirically" (2017) and Rosenfeld et al.,
/// "A Constructive Prediction of the Generalization Error Across Scales" (ICLR 2020).
///
/// **Fit.** Weighted nonlinear least squares, `min Σ wᵢ (yᵢ − metric(nᵢ))²`, under the bounds
/// `ceiling ∈ [0, 1]` (when `Options.boundedMetric`, else free), `scale ≥ 0` and
/// `exponent ∈ [0.001, 3]` (the open `(0, 3]` with a small floor). Initialization is deterministic:
/// on a log-uniform grid of 161 exponents the best `(ceiling, scale)` is solved in closed form
/// (the model is linear in them for a fixed exponent), and bounded Levenberg–Marquardt starts from
/// the best three local minima of that profile; the lowest RSS wins. This matches
/// `scipy.optimize.curve_fit(..., bounds=...)` (method `trf`) on the same points (see the tests).
///
/// **Uncertainty**, three ways:
/// - `covariance`: the asymptotic covariance `σ̂²(JᵀWJ)⁻¹`, `σ̂² = RSS/(m − 3)`, as `curve_fit`'s
///   `pcov`. It ignores the bounds and the curvature of the model.
/// - `intervals` (what Loupe reports, and what `prediction(at:)` uses): profile-t intervals,
///   `{ v : min RSS with the quantity at v ≤ RSS·(1 + t²_{m−3}/(m − 3)) }`. They respect the bounds,
///   can be asymmetric, and widen correctly with few points. In 1000 seeded fits of the tests' case
///   (ceiling 0.9, scale 0.8, exponent 0.5; 6 points from n = 50 to 1600; σ = 0.01) they covered the
///   truth 93.9–94.4 % of the time for each parameter and for the metric at n = 3200, where
///   `±t·se` from the covariance covered 91 % (ceiling), 84 % (scale), 96 % (exponent) and the
///   bootstrap's percentile intervals 84–87 %.
/// - `bootstrap`: a seeded residual bootstrap (refits on `ŷᵢ + ε*ᵢ`): replicate curves through which
///   any function of the curve can be propagated, at the cost of the coverage above; see
///   `ResidualBootstrap`. `gain(from:to:)` gives the profile-t interval of a predicted improvement.
///
/// **Few points.** With `m` points (3–6 typical) there are `m − 3` residual degrees of freedom.
/// With exactly 3 the curve interpolates and nothing estimates the noise: `covariance`,
/// `intervals` and `bootstrap` are `nil`. With 4–6, `t` is large (12.7 for 1 degree of freedom,
/// 3.18 for 3), so intervals are wide, especially for scale and exponent, which trade off against
/// each other; the ceiling and predictions inside the observed range are much tighter.
///
/// **Edge cases.** Points with `n = 0` or weight 0 are set aside (`ignoredPointCount`). Fewer than
/// 3 distinct counts among the rest throw `.tooFewLabelCounts`. Flat or decreasing data fit
/// `scale = 0` (a horizontal line at the weighted mean, clamped to the ceiling's bounds): the
/// exponent then has no effect, `isFlat` is true, `covariance` is `nil` and the exponent's interval
/// spans its whole range. All-equal `y` fit exactly (RSS 0), so identified quantities get
/// zero-width intervals: the data show no noise.
public struct LearningCurve: Hashable, Sendable, Codable {
    /// The power law's three parameters.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The asymptote as `n → ∞`.
        public var ceiling: Double
        /// How far below the ceiling the metric is at `n = 1`; `≥ 0`.
        public var scale: Double
        /// How fast the gap closes; `> 0`.
        public var exponent: Double

        /// Parameters from their values.
        public init(ceiling: Double, scale: Double, exponent: Double) {
            self.ceiling = ceiling
            self.scale = scale
            self.exponent = exponent
        }

        /// `ceiling − scale · n^(−exponent)`, unclamped.
        /// - Precondition: `labelCount > 0`.
        /// - Complexity: O(1).
        public func metric(at labelCount: Double) -> Double {
            precondition(labelCount > 0, "the power law is defined for n > 0, got \(labelCount)")
            return ceiling - scale * exp(-exponent * log(labelCount))
        }
    }

    /// Fitting options.
    public struct Options: Hashable, Sendable, Codable {
        /// Keep the ceiling in [0, 1] and clamp predictions to [0, 1] (default true).
        public var boundedMetric: Bool
        /// The intervals' confidence, in `(0, 1)` (default 0.95).
        public var confidence: Double
        /// Residual-bootstrap refits; 0 skips the bootstrap (default 1000).
        public var bootstrapResamples: Int
        /// The bootstrap's seed.
        public var seed: UInt64
        /// Spread bootstrap refits over cores; the result is identical either way.
        public var parallel: Bool

        /// Options with the documented defaults.
        public init(boundedMetric: Bool = true, confidence: Double = 0.95, bootstrapResamples: Int = 1000,
                    seed: UInt64 = 0, parallel: Bool = true) {
            self.boundedMetric = boundedMetric
            self.confidence = confidence
            self.bootstrapResamples = bootstrapResamples
            self.seed = seed
            self.parallel = parallel
        }
    }

    /// An interval for each parameter.
    public struct ParameterIntervals: Hashable, Sendable, Codable {
        /// The ceiling's interval.
        public var ceiling: Interval
        /// The scale's interval; its upper end can be very large (the scale trades off against the
        /// exponent: `s·n^(−b)` stays fixed near the data while `s` grows by orders of magnitude).
        public var scale: Interval
        /// The exponent's interval.
        public var exponent: Interval
    }

    /// The fitted parameters.
    public let parameters: Parameters
    /// The options the curve was fitted with.
    public let options: Options
    /// The points used (`n > 0`, weight `> 0`), in input order.
    public let points: [LearningCurvePoint]
    /// Input points set aside because `n = 0` or weight 0.
    public let ignoredPointCount: Int
    /// The number of distinct label counts among `points` (≥ 3).
    public let distinctLabelCounts: Int
    /// The weighted residual sum of squares `Σ wᵢ (yᵢ − metric(nᵢ))²` at the fit.
    public let residualSumOfSquares: Double
    /// The asymptotic covariance of `(ceiling, scale, exponent)` (row-major 3×3, in that order);
    /// `nil` with 3 points or when the Jacobian is singular (flat fits).
    public let covariance: [[Double]]?
    /// Profile-t intervals at `options.confidence`; `nil` with 3 points.
    public let intervals: ParameterIntervals?
    /// The residual bootstrap; `nil` with 3 points or `bootstrapResamples == 0`.
    public let bootstrap: ResidualBootstrap?
    /// Levenberg–Marquardt iterations of the kept run.
    public let iterations: Int
    /// `false` only if Levenberg–Marquardt hit its iteration cap (500).
    public let converged: Bool

    /// `points.count − 3`.
    public var degreesOfFreedom: Int { points.count - 3 }
    /// `√(RSS / (m − 3))`, the noise estimate in weighted metric units; `nil` with 3 points.
    public var residualStandardError: Double? {
        degreesOfFreedom > 0 ? sqrt(residualSumOfSquares / Double(degreesOfFreedom)) : nil
    }
    /// `true` when `scale == 0`: the curve is a horizontal line and the exponent is arbitrary.
    public var isFlat: Bool { parameters.scale == 0 }

    /// Fits the curve to `points`.
    /// - Throws: `.invalidPoint` (negative count, non-finite metric, negative or non-finite weight),
    ///   `.tooFewLabelCounts` (fewer than 3 distinct counts with `n > 0` and weight `> 0`).
    /// - Precondition: `0 < options.confidence < 1`, `options.bootstrapResamples ≥ 0`.
    /// - Complexity: O(grid · m) for the fit, O(grid · m · 150) for the intervals, and
    ///   O(bootstrapResamples · grid · m) for the bootstrap (grid = 161).
    public init(fitting points: [LearningCurvePoint], options: Options = Options()) throws(LearningCurveFitError) {
        precondition(options.confidence > 0 && options.confidence < 1, "confidence \(options.confidence) is outside (0, 1)")
        precondition(options.bootstrapResamples >= 0, "negative bootstrap resample count")
        for (index, point) in points.enumerated() {
            if point.labelCount < 0 {
                throw LearningCurveFitError(code: .invalidPoint, point: index, reason: "negative label count \(point.labelCount)")
            }
            if !point.metric.isFinite {
                throw LearningCurveFitError(code: .invalidPoint, point: index, reason: "metric \(point.metric) is not finite")
            }
            if !(point.weight.isFinite && point.weight >= 0) {
                throw LearningCurveFitError(code: .invalidPoint, point: index, reason: "weight \(point.weight) is not finite and ≥ 0")
            }
        }
        let used = points.filter { $0.labelCount > 0 && $0.weight > 0 }
        let distinct = Set(used.map(\.labelCount)).count
        guard distinct >= 3 else {
            throw LearningCurveFitError(code: .tooFewLabelCounts, reason: "a curve needs at least 3 distinct label counts "
                + "with n > 0 and weight > 0, got \(distinct) (\(points.count - used.count) of \(points.count) points set aside)")
        }
        self.points = used
        self.options = options
        ignoredPointCount = points.count - used.count
        distinctLabelCounts = distinct
        let problem = Self.problem(points: used, bounded: options.boundedMetric)
        let fit = problem.fit()
        let s = fit.solution
        parameters = Parameters(ceiling: s.ceiling, scale: s.gap * exp(s.exponent * problem.referenceLog), exponent: s.exponent)
        residualSumOfSquares = s.residualSumOfSquares
        iterations = fit.iterations
        converged = fit.converged
        let covariance = problem.covariance(at: s)
        self.covariance = covariance
        intervals = Self.profileIntervals(problem, parameters, s.residualSumOfSquares, covariance, options.confidence)
        bootstrap = used.count > 3 && options.bootstrapResamples > 0
            ? ResidualBootstrap(problem: problem, solution: s, options: options) : nil
    }

    /// The least-squares problem over `points`.
    static func problem(points: [LearningCurvePoint], bounded: Bool) -> PowerLawProblem {
        PowerLawProblem(counts: points.map { Double($0.labelCount) }, metrics: points.map(\.metric),
                        weights: points.map(\.weight), bounded: bounded)
    }

    private static func profileIntervals(_ problem: PowerLawProblem, _ p: Parameters, _ rss: Double,
                                         _ covariance: [[Double]]?, _ confidence: Double) -> ParameterIntervals? {
        guard let threshold = problem.profileThreshold(residualSumOfSquares: rss, confidence: confidence) else { return nil }
        func interval(_ quantity: PowerLawProblem.Quantity, _ estimate: Double, _ index: Int, _ domain: (Double, Double)) -> Interval {
            let step = initialStep(estimate: estimate, variance: covariance?[index][index])
            let (lower, upper) = problem.profileInterval(quantity, estimate: estimate, domain: domain, threshold: threshold, initialStep: step)
            return Interval(lower: min(lower, estimate), upper: max(upper, estimate), confidence: confidence)
        }
        return ParameterIntervals(
            ceiling: interval(.ceiling, p.ceiling, 0, (problem.ceilingLower, problem.ceilingUpper)),
            scale: interval(.scale, p.scale, 1, (0, .infinity)),
            exponent: interval(.exponent, p.exponent, 2, (PowerLawProblem.minimumExponent, PowerLawProblem.maximumExponent)))
    }

    /// The first step of a profile walk: a quarter of the Wald standard error when there is one.
    static func initialStep(estimate: Double, variance: Double?) -> Double {
        let floor = 1e-9 * max(abs(estimate), 1e-3)
        if let variance, variance.isFinite, variance > 0 { return max(sqrt(variance) / 4, floor) }
        return max(1e-3 * max(abs(estimate), 1e-2), floor)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Profile-t intervals (Bates and Watts, *Nonlinear Regression Analysis and Its Applications*,
/// 1988, §6.1; what R's `confint` on an `nls` fit computes through `MASS::profile`).
///
/// For a quantity `q` (a parameter, or the metric at some `n*`), the profile `P(v)` is the least RSS
/// over all parameters with `q = v`. The interval is `{ v : P(v) ≤ RSS·(1 + t²/(m − 3)) }` with `t`
/// the `(1 + confidence)/2` quantile of Student's t with `m − 3` degrees of freedom: the
/// likelihood-ratio (F) region, exact for linear models and far more faithful than `±t·se` for this
/// curved model with few points. Every profile reduces to a 1-D minimization over the exponent
/// because, with `b` fixed, the remaining free parameter enters linearly.
extension PowerLawProblem {
    /// What a profile pins.
    enum Quantity: Hashable, Sendable {
        case ceiling
        /// The scale `s` in label-count units (`s = g·n₀^b`).
        case scale
        case exponent
        /// The metric `c − s·n*^(−b)` at `n* = exp(logCount)`.
        case metric(logCount: Double)
        /// The gain `s·(n₁^(−b) − n₂^(−b))` from `n₁ = exp(from)` to `n₂ = exp(to)`, `n₁ < n₂`.
        case gain(from: Double, to: Double)
    }

    /// `P(v)`: the least RSS with the quantity held at `v` (`+∞` when no parameters in the box give `v`).
    /// - Complexity: O(grid · m).
    func profile(_ quantity: Quantity, value v: Double) -> Double {
        switch quantity {
        case .exponent:
            return linearFit(exponent: v).residualSumOfSquares
        case .ceiling:
            return Self.minimizeOverExponent { b in
                var sxx = 0.0, sxr = 0.0
                for i in 0..<count {
                    let x = exp(-b * centeredLogCounts[i])
                    sxx += weights[i] * x * x; sxr += weights[i] * x * (v - metrics[i])
                }
                return residualSumOfSquares(ceiling: v, gap: max(0, sxr / sxx), exponent: b)
            }.value
        case .scale:
            return Self.minimizeOverExponent { b in residualSumOfSquares(scale: v, exponent: b) }.value
        case .gain(let from, let to):
            // The gain fixes s = v / (n₁^(−b) − n₂^(−b)) for each exponent.
            return Self.minimizeOverExponent { b in residualSumOfSquares(scale: v / (exp(-b * from) - exp(-b * to)), exponent: b) }.value
        case .metric(let logCount):
            return Self.minimizeOverExponent { b in
                // y = v + s·dᵢ with dᵢ = n*^(−b) − nᵢ^(−b) and c = v + s·n*^(−b) inside its bounds.
                let target = exp(-b * logCount)
                var sdd = 0.0, sdr = 0.0
                for i in 0..<count {
                    let d = target - exp(-b * logCounts[i])
                    sdd += weights[i] * d * d; sdr += weights[i] * d * (metrics[i] - v)
                }
                let low = max(0, (ceilingLower - v) / target), high = (ceilingUpper - v) / target
                guard low <= high, sdd > 0 else { return .infinity }
                let s = min(max(sdr / sdd, low), high)
                var sum = 0.0
                for i in 0..<count {
                    let r = metrics[i] - v - s * (target - exp(-b * logCounts[i]))
                    sum += weights[i] * r * r
                }
                return sum
            }.value
        }
    }

    /// The least RSS with the scale `s` (label-count units) and exponent fixed: the ceiling is the
    /// weighted mean of `yᵢ + s·nᵢ^(−b)`, clamped to its bounds.
    /// - Complexity: O(m).
    func residualSumOfSquares(scale s: Double, exponent b: Double) -> Double {
        var shifted = 0.0
        for i in 0..<count { shifted += weights[i] * (metrics[i] + s * exp(-b * logCounts[i])) }
        let c = min(max(shifted / weightSum, ceilingLower), ceilingUpper)
        var sum = 0.0
        for i in 0..<count {
            let r = metrics[i] - c + s * exp(-b * logCounts[i])
            sum += weights[i] * r * r
        }
        return sum
    }

    /// The profile-t threshold `RSS·(1 + t²/(m − 3))` plus a rounding allowance of `1e-28·Σ wᵢyᵢ²`
    /// (RSS values are computed to about `ε²·Σ wᵢyᵢ² ≈ 5e-32·Σ wᵢyᵢ²` when the fit is exact, so
    /// without it an exact fit's intervals would depend on rounding); `nil` without residual
    /// degrees of freedom.
    /// - Complexity: O(m).
    func profileThreshold(residualSumOfSquares rss: Double, confidence: Double) -> Double? {
        let degrees = count - 3
        guard degrees > 0 else { return nil }
        let t = StudentT.quantile((1 + confidence) / 2, degreesOfFreedom: Double(degrees))
        let allowance = 1e-28 * zip(weights, metrics).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        return rss * (1 + t * t / Double(degrees)) + allowance
    }

    /// The set `{ v ∈ domain : P(v) ≤ threshold }` around `estimate`, as `(lower, upper)`: from the
    /// estimate, steps doubling from `initialStep` walk outward until the profile passes the threshold,
    /// then bisection (to 1e-11 relative) finds the crossing. An end that never crosses before the
    /// domain's bound is that bound, possibly infinite.
    /// - Complexity: O((doublings + 45) · grid · m).
    func profileInterval(_ quantity: Quantity, estimate: Double, domain: (lower: Double, upper: Double),
                         threshold: Double, initialStep: Double) -> (lower: Double, upper: Double) {
        var ends = [domain.lower, domain.upper]
        for (side, direction) in [(0, -1.0), (1, 1.0)] {
            let bound = ends[side]
            if estimate == bound { continue }
            var inside = estimate, step = initialStep
            for _ in 0..<2100 {
                var candidate = estimate + direction * step
                if (direction < 0 && candidate <= bound) || (direction > 0 && candidate >= bound) { candidate = bound }
                guard candidate.isFinite else { break }
                if profile(quantity, value: candidate) > threshold {
                    var outside = candidate
                    for _ in 0..<200 {
                        let middle = 0.5 * (inside + outside)
                        if abs(outside - inside) <= 1e-11 * max(abs(inside), abs(outside)) || middle == inside || middle == outside { break }
                        if profile(quantity, value: middle) > threshold { outside = middle } else { inside = middle }
                    }
                    ends[side] = 0.5 * (inside + outside)
                    break
                }
                if candidate == bound { break }
                inside = candidate
                step *= 2
            }
        }
        return (ends[0], ends[1])
    }
}

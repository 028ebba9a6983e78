#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounded Levenberg–Marquardt on `(c, g, b)` and the asymptotic covariance.
///
/// Each iteration solves `(A + λ·diag A) δ = v` with `A = Σ wᵢ ∇fᵢ∇fᵢᵀ` and `v = Σ wᵢ (yᵢ − fᵢ) ∇fᵢ`
/// (Marquardt's scaling), where `∇f = (1, −x, g·u·x)`; parameters sitting on a bound whose
/// descent direction points outside are held fixed for that iteration (an active set), and the
/// step is projected onto the box. A step is accepted when it lowers the RSS (λ ÷ 10), else λ × 10.
/// The run stops when no step lowers the RSS any more (λ above 10²⁰), when an undamped step
/// changes every parameter by less than 1e-13 relative, or at the RSS 0 of an exact fit.
///
/// Reference: Moré, "The Levenberg–Marquardt algorithm: implementation and theory" (1978);
/// Madsen, Nielsen and Tingleff, *Methods for Non-Linear Least Squares Problems* (2004), §3.2.
extension PowerLawProblem {
    static let maximumIterations = 500

    /// `A` (row-major 3×3) and `v` at a solution, for the given metrics.
    /// - Complexity: O(m).
    func normalEquations(_ s: Solution, metrics y: [Double]) -> (a: [Double], v: [Double]) {
        var a00 = 0.0, a01 = 0.0, a02 = 0.0, a11 = 0.0, a12 = 0.0, a22 = 0.0, v0 = 0.0, v1 = 0.0, v2 = 0.0
        for i in 0..<count {
            let x = exp(-s.exponent * centeredLogCounts[i])
            let g1 = -x, g2 = s.gap * centeredLogCounts[i] * x
            let w = weights[i], wr = w * (y[i] - s.ceiling + s.gap * x)
            v0 += wr; v1 += wr * g1; v2 += wr * g2
            a00 += w; a01 += w * g1; a02 += w * g2
            a11 += w * g1 * g1; a12 += w * g1 * g2; a22 += w * g2 * g2
        }
        return ([a00, a01, a02, a01, a11, a12, a02, a12, a22], [v0, v1, v2])
    }

    func levenbergMarquardt(from start: Solution, metrics y: [Double]? = nil) -> (solution: Solution, iterations: Int, converged: Bool) {
        let y = y ?? metrics
        let run = dampedIterations(from: start, metrics: y)
        return (polish(run.solution, metrics: y), run.iterations, run.converged)
    }

    /// Undamped Gauss–Newton steps from a converged point, kept while they shrink the scaled gradient
    /// `max |vⱼ| / √Aⱼⱼ` (over free coordinates) without raising the RSS beyond rounding. Near the
    /// optimum the RSS is flat to rounding (it changes with the square of the error), so the
    /// gradient, which changes linearly, is the sharper criterion: this takes the parameters from
    /// ~1e-8 to ~1e-12 relative accuracy.
    /// - Complexity: O(m) per step, at most 10 steps.
    private func polish(_ start: Solution, metrics y: [Double]) -> Solution {
        let lower = [ceilingLower, 0, Self.minimumExponent], upper = [ceilingUpper, Double.infinity, Self.maximumExponent]
        func state(_ s: Solution) -> (a: [Double], v: [Double], free: [Bool], norm: Double) {
            let (a, v) = normalEquations(s, metrics: y)
            let theta = [s.ceiling, s.gap, s.exponent]
            let free = (0..<3).map { j in !((theta[j] <= lower[j] && v[j] <= 0) || (theta[j] >= upper[j] && v[j] >= 0)) }
            let norm = (0..<3).filter { free[$0] && a[4 * $0] > 0 }.map { abs(v[$0]) / sqrt(a[4 * $0]) }.max() ?? 0
            return (a, v, free, norm)
        }
        var current = start, now = state(start)
        for _ in 0..<10 where now.norm > 0 {
            guard let step = Self.solve3(now.a, now.v, free: now.free) else { break }
            let theta = [current.ceiling, current.gap, current.exponent]
            let c = (0..<3).map { min(max(theta[$0] + step[$0], lower[$0]), upper[$0]) }
            let rss = residualSumOfSquares(ceiling: c[0], gap: c[1], exponent: c[2], metrics: y)
            let candidate = Solution(ceiling: c[0], gap: c[1], exponent: c[2], residualSumOfSquares: rss)
            let next = state(candidate)
            guard next.norm < now.norm, rss <= current.residualSumOfSquares * (1 + 1e-12) else { break }
            current = candidate
            now = next
        }
        return current
    }

    private func dampedIterations(from start: Solution, metrics y: [Double]) -> (solution: Solution, iterations: Int, converged: Bool) {
        var current = start
        current.residualSumOfSquares = residualSumOfSquares(ceiling: start.ceiling, gap: start.gap, exponent: start.exponent, metrics: y)
        let lower = [ceilingLower, 0, Self.minimumExponent], upper = [ceilingUpper, Double.infinity, Self.maximumExponent]
        var lambda = 1e-3
        for iteration in 1...Self.maximumIterations {
            if current.residualSumOfSquares == 0 { return (current, iteration - 1, true) }
            let (a, v) = normalEquations(current, metrics: y)
            let theta = [current.ceiling, current.gap, current.exponent]
            let free = (0..<3).map { j in !((theta[j] <= lower[j] && v[j] <= 0) || (theta[j] >= upper[j] && v[j] >= 0)) }
            let floor = 1e-12 * max(a[0], a[4], a[8])
            var accepted = false
            while lambda <= 1e20 {
                var damped = a
                for j in 0..<3 { damped[4 * j] += lambda * max(a[4 * j], floor) }
                guard let step = Self.solve3(damped, v, free: free) else { lambda *= 10; continue }
                let candidate = (0..<3).map { min(max(theta[$0] + step[$0], lower[$0]), upper[$0]) }
                if candidate == theta { return (current, iteration, true) }
                let rss = residualSumOfSquares(ceiling: candidate[0], gap: candidate[1], exponent: candidate[2], metrics: y)
                if rss < current.residualSumOfSquares {
                    let tiny = (0..<3).allSatisfy { abs(candidate[$0] - theta[$0]) <= 1e-13 * (abs(theta[$0]) + 1e-10) }
                    current = Solution(ceiling: candidate[0], gap: candidate[1], exponent: candidate[2], residualSumOfSquares: rss)
                    if tiny && lambda <= 1e-2 { return (current, iteration, true) }
                    lambda = max(lambda / 10, 1e-12)
                    accepted = true
                    break
                }
                lambda *= 10
            }
            if !accepted { return (current, iteration, true) }
        }
        return (current, Self.maximumIterations, false)
    }

    /// Solves the 3×3 system `m · x = v` restricted to the free coordinates (the others are 0),
    /// by Gaussian elimination with partial pivoting; `nil` when singular.
    static func solve3(_ m: [Double], _ v: [Double], free: [Bool]) -> [Double]? {
        var a = m, b = v
        for j in 0..<3 where !free[j] {
            for k in 0..<3 { a[3 * j + k] = 0; a[3 * k + j] = 0 }
            a[4 * j] = 1
            b[j] = 0
        }
        let scale = max(abs(a[0]), abs(a[4]), abs(a[8]))
        for column in 0..<3 {
            var pivot = column
            for row in column + 1..<3 where abs(a[3 * row + column]) > abs(a[3 * pivot + column]) { pivot = row }
            guard abs(a[3 * pivot + column]) > 1e-300 * max(scale, 1) else { return nil }
            if pivot != column {
                for k in 0..<3 { a.swapAt(3 * pivot + k, 3 * column + k) }
                b.swapAt(pivot, column)
            }
            for row in column + 1..<3 {
                let factor = a[3 * row + column] / a[4 * column]
                for k in column..<3 { a[3 * row + k] -= factor * a[3 * column + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: 3)
        for row in stride(from: 2, through: 0, by: -1) {
            var sum = b[row]
            for k in row + 1..<3 { sum -= a[3 * row + k] * x[k] }
            x[row] = sum / a[4 * row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// `σ̂² A⁻¹` at the solution, mapped to `(c, s, b)` with `s = g·n₀^b` (`Cov = T Cov_φ Tᵀ`);
    /// `σ̂² = RSS / (m − 3)`. `nil` without residual degrees of freedom or when `A` is singular
    /// (reciprocal condition number of its unit-diagonal scaling below 1e-14, e.g. `g = 0`, where the
    /// exponent has no effect). Matches `scipy.optimize.curve_fit`'s `pcov` with `absolute_sigma=False`.
    /// - Complexity: O(m).
    func covariance(at s: Solution) -> [[Double]]? {
        let degrees = count - 3
        guard degrees > 0 else { return nil }
        let (a, _) = normalEquations(s, metrics: metrics)
        let d = (0..<3).map { sqrt(a[4 * $0]) }
        guard d.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        var scaled = a
        for j in 0..<3 { for k in 0..<3 { scaled[3 * j + k] /= d[j] * d[k] } }
        var inverse = [Double](repeating: 0, count: 9)
        for column in 0..<3 {
            let unit = (0..<3).map { $0 == column ? 1.0 : 0.0 }
            guard let x = Self.solve3(scaled, unit, free: [true, true, true]) else { return nil }
            for row in 0..<3 { inverse[3 * row + column] = x[row] / (d[row] * d[column]) }
        }
        // The scaled matrix has unit diagonal; its inverse's largest entry bounds 1 / rcond.
        let largest = (0..<9).map { abs(inverse[$0]) * d[$0 / 3] * d[$0 % 3] }.max()!
        guard largest < 1e14 else { return nil }
        let variance = s.residualSumOfSquares / Double(degrees)
        let e = exp(s.exponent * referenceLog)
        let t = [1.0, 0, 0, 0, e, s.gap * referenceLog * e, 0, 0, 1]
        var result = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { for l in 0..<3 { sum += t[3 * i + k] * inverse[3 * k + l] * t[3 * j + l] } }
                result[i][j] = variance * sum
            }
        }
        return result
    }
}

/// Limited-memory BFGS for a smooth unconstrained objective, with a strong-Wolfe line search:
/// the optimizer behind `SoftmaxRegression` (and scikit-learn's `lbfgs` solver, which calls
/// SciPy's L-BFGS-B without bounds).
///
/// Direction: the two-loop recursion over the last `memory` pairs `(s, y)` with the initial
/// Hessian `γI`, `γ = sᵀy / yᵀy` (pairs with `sᵀy ≤ 10⁻¹²·‖y‖²` are skipped). Step: Nocedal and
/// Wright's bracketing line search (Algorithm 3.5) with cubic-interpolation zoom (3.6),
/// `c₁ = 10⁻⁴`, `c₂ = 0.9`, trying step 1 (the first iteration `1/‖g‖`).
///
/// Stops when `max |gᵢ| ≤ gradientTolerance` or the relative decrease
/// `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ relativeDecreaseTolerance` (SciPy's `pgtol` and
/// `ftol`; scikit-learn passes `gtol = tol` and `ftol = 64·eps`), both counting as converged; or
/// after `maxIterations`, or when the line search fails twice in a row (not converged).
///
/// Reference: Nocedal and Wright, *Numerical Optimization*, 2nd ed. (2006), Algorithms 7.4, 7.5,
/// 3.5 and 3.6; Liu and Nocedal, "On the limited memory BFGS method for large scale optimization",
/// Mathematical Programming 45 (1989).
struct LimitedMemoryBFGS {
    /// The outcome of a minimization.
    struct Result {
        var x: [Double]
        var value: Double
        var gradientNorm: Double
        var iterations: Int
        var converged: Bool
    }

    var memory = 10
    var maxIterations = 10_000
    var gradientTolerance = 1e-8
    var relativeDecreaseTolerance = 64 * Double.ulpOfOne

    /// Minimizes `objective`, which returns `f(x)` and writes `∇f(x)` into its second argument.
    /// - Complexity: per iteration O(memory · m) plus the evaluations (usually one).
    func minimize(from start: [Double], _ objective: ([Double], inout [Double]) -> Double) -> Result {
        let m = start.count
        var x = start
        var g = [Double](repeating: 0, count: m)
        var f = objective(x, &g)
        var sHistory: [[Double]] = [], yHistory: [[Double]] = [], rhoHistory: [Double] = []
        var iterations = 0
        var failures = 0
        while true {
            let gNorm = g.reduce(0) { max($0, abs($1)) }
            if gNorm <= gradientTolerance { return Result(x: x, value: f, gradientNorm: gNorm, iterations: iterations, converged: true) }
            if iterations >= maxIterations { return Result(x: x, value: f, gradientNorm: gNorm, iterations: iterations, converged: false) }
            var direction = twoLoop(g, sHistory, yHistory, rhoHistory).map { -$0 }
            var slope = dot(direction, g)
            if !(slope < 0) {
                direction = g.map { -$0 }
                slope = dot(direction, g)
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
            }
            let initial = sHistory.isEmpty ? 1 / max(dot(g, g).squareRoot(), 1e-300) : 1
            guard let step = lineSearch(x, f, g, direction, slope, initial, objective) else {
                failures += 1
                if failures >= 2 || sHistory.isEmpty {
                    return Result(x: x, value: f, gradientNorm: gNorm, iterations: iterations, converged: false)
                }
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                continue
            }
            failures = 0
            iterations += 1
            let s = (0..<m).map { step.x[$0] - x[$0] }
            let y = (0..<m).map { step.g[$0] - g[$0] }
            let sy = dot(s, y), yy = dot(y, y)
            if sy > 1e-12 * yy {
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
                if sHistory.count > memory { sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst() }
            }
            let decrease = (f - step.f) / max(abs(f), abs(step.f), 1)
            x = step.x; g = step.g
            let previous = f
            f = step.f
            if decrease <= relativeDecreaseTolerance && previous >= f {
                let norm = g.reduce(0) { max($0, abs($1)) }
                return Result(x: x, value: f, gradientNorm: norm, iterations: iterations, converged: true)
            }
        }
    }

    /// `H·g` by the two-loop recursion.
    private func twoLoop(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[k] = rho[k] * dot(s[k], q)
            for i in q.indices { q[i] -= alpha[k] * y[k][i] }
        }
        if let last = s.indices.last {
            let gamma = dot(s[last], y[last]) / dot(y[last], y[last])
            for i in q.indices { q[i] *= gamma }
        }
        for k in s.indices {
            let beta = rho[k] * dot(y[k], q)
            for i in q.indices { q[i] += (alpha[k] - beta) * s[k][i] }
        }
        return q
    }

    private struct Point {
        var alpha: Double
        var f: Double
        var slope: Double
        var x: [Double]
        var g: [Double]
    }

    /// A step satisfying the strong Wolfe conditions, or `nil`.
    private func lineSearch(_ x0: [Double], _ f0: Double, _ g0: [Double], _ p: [Double], _ slope0: Double, _ initial: Double,
                            _ objective: ([Double], inout [Double]) -> Double) -> Point? {
        let c1 = 1e-4, c2 = 0.9
        func evaluate(_ alpha: Double) -> Point {
            let x = (0..<x0.count).map { x0[$0] + alpha * p[$0] }
            var g = [Double](repeating: 0, count: x0.count)
            let f = objective(x, &g)
            return Point(alpha: alpha, f: f, slope: dot(g, p), x: x, g: g)
        }
        func sufficient(_ point: Point) -> Bool { point.f.isFinite && point.f <= f0 + c1 * point.alpha * slope0 }
        func zoom(_ low: Point, _ high: Point) -> Point? {
            var low = low, high = high
            for _ in 0..<40 {
                var alpha = Self.cubicMinimizer(low, high)
                let width = abs(high.alpha - low.alpha)
                let lower = min(low.alpha, high.alpha), upper = max(low.alpha, high.alpha)
                if !(alpha.isFinite && alpha >= lower + 0.1 * width && alpha <= upper - 0.1 * width) {
                    alpha = (low.alpha + high.alpha) / 2
                }
                let point = evaluate(alpha)
                if !sufficient(point) || point.f >= low.f {
                    high = point
                } else {
                    if abs(point.slope) <= -c2 * slope0 { return point }
                    if point.slope * (high.alpha - low.alpha) >= 0 { high = low }
                    low = point
                }
                if width < 1e-16 * max(1, upper) { break }
            }
            return low.alpha > 0 ? low : nil
        }
        var previous = Point(alpha: 0, f: f0, slope: slope0, x: x0, g: g0)
        var alpha = initial
        for i in 0..<50 {
            let point = evaluate(alpha)
            if !sufficient(point) || (i > 0 && point.f >= previous.f) { return zoom(previous, point) }
            if abs(point.slope) <= -c2 * slope0 { return point }
            if point.slope >= 0 { return zoom(point, previous) }
            previous = point
            alpha *= 2
        }
        return previous.alpha > 0 ? previous : nil
    }

    /// The minimizer of the cubic through two points with their slopes (Nocedal and Wright 3.59).
    private static func cubicMinimizer(_ a: Point, _ b: Point) -> Double {
        let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.alpha - b.alpha)
        let discriminant = d1 * d1 - a.slope * b.slope
        guard discriminant >= 0 else { return .nan }
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * discriminant.squareRoot()
        return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    }
}

/// `Σ aᵢbᵢ`.
@inline(__always)
fileprivate func dot(_ a: [Double], _ b: [Double]) -> Double {
    var total = 0.0
    for i in a.indices { total += a[i] * b[i] }
    return total
}

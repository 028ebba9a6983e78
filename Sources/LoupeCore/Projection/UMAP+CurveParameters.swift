#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UMAP {
    /// The `(a, b)` of the embedding's similarity curve `1 / (1 + a·x^(2b))`, fitted by least
    /// squares to the target `1` for `x < minDistance` and `exp(−(x − minDistance) / spread)` beyond,
    /// at 300 evenly spaced `x` in `[0, 3·spread]`: umap-learn's `find_ab_params`.
    ///
    /// Levenberg–Marquardt from `(1, 1)` (scipy's `curve_fit` start) with the analytic Jacobian;
    /// stops when a step changes the residual sum of squares by less than 1e-15 relative, after
    /// 1,000 steps at most. The defaults (`spread` 1, `minDistance` 0.1) give about (1.577, 0.895).
    /// - Complexity: O(300 · steps).
    public static func curveParameters(spread: Double, minDistance: Double) -> (a: Double, b: Double) {
        let xs = (0..<300).map { 3 * spread * Double($0) / 299 }
        let ys = xs.map { $0 < minDistance ? 1 : exp(-($0 - minDistance) / spread) }
        func residuals(_ a: Double, _ b: Double) -> Double {
            var sum = 0.0
            for (x, y) in zip(xs, ys) {
                let r = 1 / (1 + a * pow(x, 2 * b)) - y
                sum += r * r
            }
            return sum
        }
        var a = 1.0
        var b = 1.0
        var damping = 1e-3
        var current = residuals(a, b)
        for _ in 0..<1000 {
            // Normal equations JᵀJ δ = −Jᵀr for the two parameters.
            var jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0
            for (x, y) in zip(xs, ys) {
                let power = x > 0 ? pow(x, 2 * b) : 0
                let denominator = 1 + a * power
                let r = 1 / denominator - y
                let da = -power / (denominator * denominator)
                let db = x > 0 ? -a * power * 2 * log(x) / (denominator * denominator) : 0
                jaa += da * da
                jab += da * db
                jbb += db * db
                ga += da * r
                gb += db * r
            }
            var improved = false
            while damping < 1e12 {
                let maa = jaa * (1 + damping)
                let mbb = jbb * (1 + damping)
                let determinant = maa * mbb - jab * jab
                guard determinant != 0 else { damping *= 10; continue }
                let stepA = (-ga * mbb + gb * jab) / determinant
                let stepB = (-gb * maa + ga * jab) / determinant
                let candidate = residuals(a + stepA, b + stepB)
                if candidate.isFinite && candidate <= current {
                    let change = current - candidate
                    a += stepA
                    b += stepB
                    current = candidate
                    damping = max(damping / 10, 1e-12)
                    improved = change > 1e-15 * max(current, 1e-300)
                    break
                }
                damping *= 10
            }
            if !improved { break }
        }
        return (a, b)
    }
}

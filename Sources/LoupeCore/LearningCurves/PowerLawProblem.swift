#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The weighted least-squares problem behind `LearningCurve`: minimize
/// `Σ wᵢ (yᵢ − c + s·nᵢ^(−b))²` over `c ∈ [ceilingLower, ceilingUpper]`, `s ≥ 0`,
/// `b ∈ [minimumExponent, maximumExponent]`.
///
/// Internally the scale is the gap at the reference count `n₀ = exp(Σwᵢ ln nᵢ / Σwᵢ)`:
/// `g = s·n₀^(−b)`, so the model reads `c − g·xᵢ(b)` with `xᵢ(b) = exp(−b·uᵢ)`, `uᵢ = ln nᵢ − ln n₀`.
/// This is the same minimum (`s = g·n₀^b`) but far better conditioned: `g` and `b` are nearly
/// uncorrelated, whereas `s` and `b` move together by orders of magnitude.
///
/// For a fixed exponent the model is linear in `(c, g)`, so `linearFit(exponent:)` solves the
/// box-constrained 2-parameter problem in closed form (variable projection, Golub and Pereyra 1973).
/// Every profile used for intervals is likewise a 1-D minimization over `b` (`minimizeOverExponent`).
struct PowerLawProblem: Sendable {
    /// The exponent's closed range; the brief's open `(0, 3]` with a small positive floor.
    static let minimumExponent = 0.001
    static let maximumExponent = 3.0
    /// A log-uniform grid over the exponent range: the deterministic initialization of the fit
    /// and the first stage of every 1-D minimization over the exponent.
    static let exponentGrid: [Double] = {
        let count = 161
        let low = log(minimumExponent), high = log(maximumExponent)
        return (0..<count).map { exp(low + (high - low) * Double($0) / Double(count - 1)) }
    }()

    /// `ln nᵢ`.
    let logCounts: [Double]
    /// `uᵢ = ln nᵢ − ln n₀`.
    let centeredLogCounts: [Double]
    /// `ln n₀`, the weighted mean of `ln nᵢ`.
    let referenceLog: Double
    let metrics: [Double]
    let weights: [Double]
    let weightSum: Double
    let ceilingLower: Double
    let ceilingUpper: Double

    /// A problem over points with `n > 0` and `w > 0` (the caller has filtered them).
    init(counts: [Double], metrics: [Double], weights: [Double], bounded: Bool) {
        let logCounts = counts.map { log($0) }
        let weightSum = weights.reduce(0, +)
        let referenceLog = zip(logCounts, weights).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
        self.logCounts = logCounts
        self.weightSum = weightSum
        self.referenceLog = referenceLog
        centeredLogCounts = logCounts.map { $0 - referenceLog }
        self.metrics = metrics
        self.weights = weights
        ceilingLower = bounded ? 0 : -.infinity
        ceilingUpper = bounded ? 1 : .infinity
    }

    var count: Int { metrics.count }

    /// Internal parameters `(c, g, b)`.
    struct Solution: Hashable, Sendable {
        var ceiling: Double
        var gap: Double
        var exponent: Double
        var residualSumOfSquares: Double
    }

    /// `Σ wᵢ (yᵢ − c + g·xᵢ(b))²`.
    /// - Complexity: O(m).
    func residualSumOfSquares(ceiling c: Double, gap g: Double, exponent b: Double, metrics y: [Double]? = nil) -> Double {
        let y = y ?? metrics
        var sum = 0.0
        for i in 0..<count {
            let r = y[i] - c + g * exp(-b * centeredLogCounts[i])
            sum += weights[i] * r * r
        }
        return sum
    }

    /// The best `(c, g)` for a fixed exponent under the box constraints, in closed form: the
    /// unconstrained weighted regression of `y` on `x` when it is feasible, else the best of the
    /// three edges `g = 0`, `c = lower`, `c = upper` (the problem is a convex quadratic, so its
    /// constrained minimum lies on an edge when the free one is infeasible).
    /// - Complexity: O(m).
    func linearFit(exponent b: Double, metrics y: [Double]? = nil) -> Solution {
        let y = y ?? metrics
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        var x = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let xi = exp(-b * centeredLogCounts[i]), w = weights[i]
            x[i] = xi
            sx += w * xi; sy += w * y[i]; sxx += w * xi * xi; sxy += w * xi * y[i]
        }
        let meanX = sx / weightSum, meanY = sy / weightSum
        let varianceX = sxx - sx * meanX, covarianceXY = sxy - sx * meanY
        var candidates: [(Double, Double)] = []
        if varianceX > 0 {
            let gap = -covarianceXY / varianceX
            let ceiling = meanY + gap * meanX
            if gap >= 0 && ceiling >= ceilingLower && ceiling <= ceilingUpper { candidates.append((ceiling, gap)) }
        }
        if candidates.isEmpty {
            candidates.append((min(max(meanY, ceilingLower), ceilingUpper), 0))
            for c in [ceilingLower, ceilingUpper] where c.isFinite {
                candidates.append((c, max(0, (c * sx - sxy) / sxx)))
            }
        }
        var best = Solution(ceiling: 0, gap: 0, exponent: b, residualSumOfSquares: .infinity)
        for (c, g) in candidates {
            var sum = 0.0
            for i in 0..<count {
                let r = y[i] - c + g * x[i]
                sum += weights[i] * r * r
            }
            if sum < best.residualSumOfSquares { best = Solution(ceiling: c, gap: g, exponent: b, residualSumOfSquares: sum) }
        }
        return best
    }

    /// The minimum of `objective` over the exponent range: the grid, then golden-section search
    /// between the grid neighbours of the best grid point (first one on ties).
    /// - Complexity: O(grid + 60) evaluations of `objective`.
    static func minimizeOverExponent(_ objective: (Double) -> Double) -> (exponent: Double, value: Double) {
        let grid = exponentGrid
        var bestIndex = 0, bestValue = Double.infinity
        for (index, b) in grid.enumerated() {
            let value = objective(b)
            if value < bestValue { bestIndex = index; bestValue = value }
        }
        var low = grid[max(bestIndex - 1, 0)], high = grid[min(bestIndex + 1, grid.count - 1)]
        var best = (exponent: grid[bestIndex], value: bestValue)
        let ratio = (sqrt(5.0) - 1) / 2
        var left = high - ratio * (high - low), right = low + ratio * (high - low)
        var leftValue = objective(left), rightValue = objective(right)
        for _ in 0..<60 where high - low > 1e-13 * high {
            if leftValue <= rightValue {
                high = right; right = left; rightValue = leftValue
                left = high - ratio * (high - low); leftValue = objective(left)
            } else {
                low = left; left = right; leftValue = rightValue
                right = low + ratio * (high - low); rightValue = objective(right)
            }
        }
        for (b, value) in [(left, leftValue), (right, rightValue)] where value < best.value { best = (b, value) }
        return best
    }

    /// The deterministic starting points: the best (up to) three local minima of the grid profile
    /// `b ↦ min over (c, g) of RSS`, best first (lower exponent on ties).
    /// - Complexity: O(grid · m).
    func startingPoints(metrics y: [Double]? = nil) -> [Solution] {
        let profile = Self.exponentGrid.map { linearFit(exponent: $0, metrics: y) }
        let values = profile.map(\.residualSumOfSquares)
        var minima: [Int] = []
        for i in values.indices {
            let left = i == 0 ? Double.infinity : values[i - 1]
            let right = i == values.count - 1 ? Double.infinity : values[i + 1]
            if values[i] < left && values[i] <= right { minima.append(i) }
        }
        if minima.isEmpty { minima = [values.indices.min { values[$0] < values[$1] }!] }
        // Stable order: lower RSS first, then lower exponent (grid index).
        minima.sort { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        return minima.prefix(3).map { profile[$0] }
    }

    /// The least-squares fit: Levenberg–Marquardt from each starting point, the lowest RSS kept
    /// (the earlier start on ties). Returns the solution, the iterations of the kept run and
    /// whether it met the step-size criterion.
    /// - Complexity: O(starts · iterations · m).
    func fit(metrics y: [Double]? = nil) -> (solution: Solution, iterations: Int, converged: Bool) {
        var best: (solution: Solution, iterations: Int, converged: Bool)?
        for start in startingPoints(metrics: y) {
            let run = levenbergMarquardt(from: start, metrics: y)
            if best == nil || run.solution.residualSumOfSquares < best!.solution.residualSumOfSquares { best = run }
        }
        return best!
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SoftmaxRegression {
    /// Fits the model to `labels` (one class in `0..<classCount` per row of `features`).
    /// See the type for the objective, the optimizer and absent classes.
    /// - Throws: `ProbeModelError` when the counts differ, there are no rows, `classCount < 2`, a
    ///   label is out of range, a feature is not finite, or `l2` is not finite and positive.
    /// - Complexity: O(iterations · n · d · K) (two products of that size per evaluation); on
    ///   scikit-learn's digits (1,797 × 64, 10 classes, pixels / 16, `l2 = 1`) about 0.5 s in release
    ///   on one core (scikit-learn 1.9.1: 0.4 s).
    public static func fit(features: RowMajorMatrix, labels: [Int], classCount: Int, l2: Double,
                           options: Options = Options()) throws(ProbeModelError) -> SoftmaxRegression {
        try validate(features: features, labels: labels, classCount: classCount, l2: l2)
        let n = features.rows, d = features.columns
        var trained = [Bool](repeating: false, count: classCount)
        for label in labels { trained[label] = true }
        let present = trained.indices.filter { trained[$0] }
        guard present.count >= 2 else {
            return SoftmaxRegression(classCount: classCount, featureCount: d, l2: l2,
                                     coefficients: [Double](repeating: 0, count: classCount * d),
                                     intercepts: [Double](repeating: 0, count: classCount),
                                     trainedClasses: trained, iterations: 0, converged: true, objective: 0)
        }
        let k = present.count
        var local = [Int](repeating: 0, count: classCount)
        for (position, c) in present.enumerated() { local[c] = position }
        let y = labels.map { local[$0] }
        let x = features.values.map(Double.init)
        var logits = [Double](repeating: 0, count: n * k)
        let weightCount = k * d
        let objective: ([Double], inout [Double]) -> Double = { parameters, gradient in
            Self.logits(x, n: n, d: d, parameters: parameters, k: k, into: &logits)
            var loss = 0.0
            var interceptGradient = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let base = i * k
                var top = -Double.infinity
                for c in 0..<k { top = max(top, logits[base + c]) }
                var total = 0.0
                for c in 0..<k {
                    let e = exp(logits[base + c] - top)
                    logits[base + c] = e
                    total += e
                }
                let logTotal = log(total)
                // −log P(y) = log Σ exp(z − top) − (z_y − top); logits now hold exp(z − top).
                loss += logTotal - log(logits[base + y[i]])
                for c in 0..<k { logits[base + c] /= total }
                logits[base + y[i]] -= 1
                for c in 0..<k { interceptGradient[c] += logits[base + c] }
            }
            // Gradient of the weights: (P − Y)ᵀ X / n + (l2/n) W, summed over rows in order.
            let scale = 1 / Double(n)
            for j in 0..<weightCount { gradient[j] = 0 }
            x.withUnsafeBufferPointer { xs in
                logits.withUnsafeBufferPointer { r in
                    gradient.withUnsafeMutableBufferPointer { g in
                        for i in 0..<n {
                            for c in 0..<k {
                                let residual = r[i * k + c]
                                if residual == 0 { continue }
                                let row = c * d, features = i * d
                                for j in 0..<d { g[row + j] += residual * xs[features + j] }
                            }
                        }
                        for j in 0..<weightCount { g[j] *= scale }
                    }
                }
            }
            var penalty = 0.0
            for j in 0..<weightCount {
                penalty += parameters[j] * parameters[j]
                gradient[j] += l2 * scale * parameters[j]
            }
            for c in 0..<k { gradient[weightCount + c] = interceptGradient[c] * scale }
            return loss * scale + 0.5 * l2 * scale * penalty
        }
        let optimizer = LimitedMemoryBFGS(maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance)
        let result = optimizer.minimize(from: [Double](repeating: 0, count: weightCount + k), objective)
        var coefficients = [Double](repeating: 0, count: classCount * d)
        var intercepts = [Double](repeating: 0, count: classCount)
        let meanIntercept = result.x[weightCount...].reduce(0, +) / Double(k)
        for (position, c) in present.enumerated() {
            for j in 0..<d { coefficients[c * d + j] = result.x[position * d + j] }
            intercepts[c] = result.x[weightCount + position] - meanIntercept
        }
        return SoftmaxRegression(classCount: classCount, featureCount: d, l2: l2, coefficients: coefficients,
                                 intercepts: intercepts, trainedClasses: trained, iterations: result.iterations,
                                 converged: result.converged, objective: result.value)
    }

    /// `logits = X · Wᵀ + b` for parameters laid out as `k × d` weights then `k` intercepts. Each
    /// logit is summed in feature order by plain loops (not BLAS, whose threaded sums change with
    /// the thread count: the fit must not); the weights are transposed first so that the inner
    /// loop runs over the classes of one feature.
    static func logits(_ x: [Double], n: Int, d: Int, parameters: [Double], k: Int, into logits: inout [Double]) {
        var transposed = [Double](repeating: 0, count: d * k)
        for c in 0..<k {
            for j in 0..<d { transposed[j * k + c] = parameters[c * d + j] }
        }
        x.withUnsafeBufferPointer { xs in
            transposed.withUnsafeBufferPointer { w in
                parameters.withUnsafeBufferPointer { p in
                    logits.withUnsafeMutableBufferPointer { z in
                        for i in 0..<n {
                            let out = z.baseAddress! + i * k
                            for c in 0..<k { out[c] = 0 }
                            let features = i * d
                            for j in 0..<d {
                                let value = xs[features + j]
                                if value == 0 { continue }
                                let weights = w.baseAddress! + j * k
                                for c in 0..<k { out[c] += value * weights[c] }
                            }
                            for c in 0..<k { out[c] += p[k * d + c] }
                        }
                    }
                }
            }
        }
    }

    /// The input checks of `fit`.
    static func validate(features: RowMajorMatrix, labels: [Int], classCount: Int, l2: Double) throws(ProbeModelError) {
        guard classCount >= 2 else { throw ProbeModelError(reason: "a softmax regression needs at least 2 classes, got \(classCount)") }
        guard l2.isFinite && l2 > 0 else { throw ProbeModelError(reason: "the L2 penalty must be finite and positive, got \(l2)") }
        guard labels.count == features.rows else {
            throw ProbeModelError(reason: "\(labels.count) labels for \(features.rows) feature rows")
        }
        guard !labels.isEmpty else { throw ProbeModelError(reason: "no labeled rows to fit") }
        for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw ProbeModelError(row: row, reason: "label \(label) is not a class in 0..<\(classCount)")
        }
        for (index, value) in features.values.enumerated() where !value.isFinite {
            throw ProbeModelError(row: index / max(features.columns, 1), reason: "feature value \(value) is not finite")
        }
    }
}

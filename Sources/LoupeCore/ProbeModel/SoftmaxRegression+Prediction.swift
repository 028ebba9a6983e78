#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SoftmaxRegression {
    /// The class probabilities of every row of `features`: the softmax of `W·x + b` over the
    /// trained classes (computed stably, subtracting the largest logit), 0 for classes absent from
    /// training.
    /// - Throws: `ProbeModelError` when the feature count differs from the model's or a value is
    ///   not finite.
    /// - Complexity: O(n · d · K).
    public func predictProbabilities(_ features: RowMajorMatrix) throws(ProbeModelError) -> ProbabilityMatrix {
        guard features.columns == featureCount else {
            throw ProbeModelError(reason: "\(features.columns) features where the model has \(featureCount)")
        }
        for (index, value) in features.values.enumerated() where !value.isFinite {
            throw ProbeModelError(row: index / max(featureCount, 1), reason: "feature value \(value) is not finite")
        }
        let n = features.rows, d = featureCount, k = classCount
        var parameters = coefficients
        parameters.append(contentsOf: intercepts)
        var logits = [Double](repeating: 0, count: n * k)
        Self.logits(features.values.map(Double.init), n: n, d: d, parameters: parameters, k: k, into: &logits)
        for i in 0..<n {
            let base = i * k
            var top = -Double.infinity
            for c in 0..<k where trainedClasses[c] { top = max(top, logits[base + c]) }
            var total = 0.0
            for c in 0..<k {
                logits[base + c] = trainedClasses[c] ? exp(logits[base + c] - top) : 0
                total += logits[base + c]
            }
            for c in 0..<k { logits[base + c] /= total }
        }
        return ProbabilityMatrix(probabilities: logits, rows: n, classes: k)
    }

    /// The predicted class per row: the most probable, ties to the lower class index.
    /// - Throws: as `predictProbabilities`.
    /// - Complexity: O(n · d · K).
    public func predictClasses(_ features: RowMajorMatrix) throws(ProbeModelError) -> [Int] {
        try predictProbabilities(features).topClasses()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ClassificationEvaluation {
    /// The fraction of rows whose true class is among the `k` highest-ranked classes, with
    /// scikit-learn's `top_k_accuracy_score` tie handling: each row is ordered by a stable
    /// ascending sort reversed, so among equal probabilities the higher class index ranks first.
    /// A true class tied with others at the cut is therefore in the top `k` only if enough of its
    /// ties have lower indices. `k >= K` gives 1. Support `n`.
    ///
    /// Matches scikit-learn's multiclass path. For `K = 2` scikit-learn instead takes the
    /// positive-class column and thresholds it at `> 0.5`; on a 0.5/0.5 tie that predicts class 0
    /// where this (and scikit-learn's multiclass rule) ranks class 1 first.
    ///
    /// `nil` without probabilities or rows.
    /// - Precondition: `k >= 1`.
    /// - Complexity: O(n · K).
    public func topKAccuracy(k: Int) -> MetricEstimate? {
        precondition(k >= 1, "top-k accuracy needs k >= 1")
        guard let probabilities, rowCount > 0 else { return nil }
        var hits = 0
        for (row, label) in trueLabels.enumerated() where probabilities.sklearnRank(row: row, label: label) < k {
            hits += 1
        }
        return MetricEstimate(value: Double(hits) / Double(rowCount), support: rowCount)
    }

    /// Mean cross-entropy `-(1/n) Σ_i ln p̃[i, y_i]` in nats, with `p̃ = clip(p, ε, 1 - ε)` and
    /// `ε = probabilities.clippingEpsilon`, as `sklearn.metrics.log_loss(y, p, labels=range(K))`
    /// in 1.9.1: values are clipped but rows are not renormalized (1.9 dropped the renormalization;
    /// rows that do not sum to 1 only warn there). Support `n`. `nil` without probabilities or rows.
    /// - Complexity: O(n).
    public var logLoss: MetricEstimate? {
        guard let probabilities, rowCount > 0 else { return nil }
        let epsilon = probabilities.clippingEpsilon
        var total = 0.0
        for (row, label) in trueLabels.enumerated() {
            let p = min(max(probabilities[row, label], epsilon), 1 - epsilon)
            total -= log(p)
        }
        return MetricEstimate(value: total / Double(rowCount), support: rowCount)
    }

    /// The Brier score as `sklearn.metrics.brier_score_loss(y, p, labels=range(K))` defines it in
    /// 1.9.1 (`scale_by_half="auto"`): the mean over rows of `Σ_c (1[y_i = c] - p[i, c])²`,
    /// halved when `K = 2` (so the binary score lies in `[0, 1]`) and not halved for `K >= 3`
    /// (range `[0, 2]`). Support `n`. `nil` without probabilities or rows.
    /// - Complexity: O(n · K).
    public var brierScore: MetricEstimate? {
        guard let probabilities, rowCount > 0 else { return nil }
        var total = 0.0
        probabilities.values.withUnsafeBufferPointer { p in
            for (row, label) in trueLabels.enumerated() {
                var sum = 0.0
                for c in 0..<classCount {
                    let difference = (c == label ? 1 : 0) - p[row * classCount + c]
                    sum += difference * difference
                }
                total += sum
            }
        }
        var value = total / Double(rowCount)
        if classCount == 2 { value *= 0.5 }
        return MetricEstimate(value: value, support: rowCount)
    }
}

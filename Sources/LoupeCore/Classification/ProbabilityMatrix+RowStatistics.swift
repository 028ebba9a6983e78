#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProbabilityMatrix {
    /// Per row, the class with the highest probability; ties go to the lowest class index
    /// (`numpy.argmax`). This is the prediction derived from probabilities and the "top class"
    /// of `confidences()` and the calibration report.
    /// - Complexity: O(n · K).
    public func topClasses() -> [Int] {
        mapRows { row in
            var best = 0
            for c in 1..<row.count where row[c] > row[best] { best = c }
            return best
        }
    }

    /// Per row, the top-class probability `max_c p[i, c]` (the model's confidence).
    /// - Complexity: O(n · K).
    public func confidences() -> [Double] {
        mapRows { row in
            var top = row[0]
            for c in 1..<row.count where row[c] > top { top = row[c] }
            return top
        }
    }

    /// Per row, the margin between the two largest probabilities, `p(1) - p(2)` with `p(1) ≥ p(2)`
    /// the two largest values (`np.sort(p)[:, -1] - np.sort(p)[:, -2]`). A tie for the top gives 0.
    /// - Complexity: O(n · K).
    public func margins() -> [Double] {
        mapRows { row in
            var first = -Double.infinity, second = -Double.infinity
            for value in row {
                if value > first {
                    second = first
                    first = value
                } else if value > second {
                    second = value
                }
            }
            return first - second
        }
    }

    /// Per row, the Shannon entropy in nats, `-Σ_c p[i, c] · ln p[i, c]`, with `0 · ln 0 = 0`
    /// (`scipy.stats.entropy(p, axis=1)` without its renormalization: rows are used as given).
    /// Ranges from 0 (one class certain) to `ln K` (uniform).
    /// - Complexity: O(n · K).
    public func entropies() -> [Double] {
        mapRows { row in
            var total = 0.0
            for value in row where value > 0 { total -= value * log(value) }
            return total
        }
    }

    /// Per row, how many classes rank above `label` under scikit-learn's `top_k_accuracy_score`
    /// ordering: classes with a higher probability, plus classes with an equal probability and a
    /// higher index. (scikit-learn sorts each row with a stable ascending `argsort` and reverses it,
    /// so among ties the higher class index comes first.) The label is in the top `k` exactly when
    /// this rank is below `k`.
    /// - Complexity: O(K).
    func sklearnRank(row: Int, label: Int) -> Int {
        let base = row * classes
        let own = values[base + label]
        var rank = 0
        for c in 0..<classes {
            let value = values[base + c]
            if value > own || (value == own && c > label) { rank += 1 }
        }
        return rank
    }

    private func mapRows<T>(_ transform: (UnsafeBufferPointer<Double>) -> T) -> [T] {
        values.withUnsafeBufferPointer { all in
            (0..<rows).map { i in
                transform(UnsafeBufferPointer(rebasing: all[(i * classes)..<((i + 1) * classes)]))
            }
        }
    }
}

/// Selection strategies for active learning: functions that rank a pool of rows (indices into
/// their inputs, typically the unlabeled rows) by what labeling each is worth and return the best
/// `budget` of them as `SelectedRow`s.
///
/// Shared rules:
/// - `pool` holds row indices into the per-row inputs (probabilities, box scores, embeddings,
///   cluster ids, …), each at most once and in range, else `SelectionInputError`. Its order does
///   not matter: every result depends only on the set of rows (and the seed).
/// - `budget ≥ 0`; a budget larger than the pool returns the whole pool ranked.
/// - Scores are finite; larger is more worth labeling. Score-sorted strategies break ties by the
///   lower row index.
///
/// The catalogue of strategies (and the names a CLI maps onto them) is `SelectionStrategy`.
public enum Selection {
    /// Checks that `pool` indexes `rowCount` rows without repeats and that `budget ≥ 0`.
    /// - Complexity: O(pool + rowCount).
    static func check(pool: [Int], rowCount: Int, budget: Int) throws(SelectionInputError) {
        guard budget >= 0 else { throw SelectionInputError(reason: "the budget must be ≥ 0, got \(budget)") }
        var seen = [Bool](repeating: false, count: rowCount)
        for row in pool {
            guard row >= 0 && row < rowCount else {
                throw SelectionInputError(row: row, reason: "pool row out of range: the inputs have \(rowCount) rows")
            }
            guard !seen[row] else { throw SelectionInputError(row: row, reason: "pool row listed twice") }
            seen[row] = true
        }
    }

    /// Checks that a per-row array has `rowCount` finite values.
    /// - Complexity: O(rowCount).
    static func checkFinite(_ values: [Double], rowCount: Int, name: String) throws(SelectionInputError) {
        guard values.count == rowCount else {
            throw SelectionInputError(reason: "\(values.count) \(name) values for \(rowCount) rows")
        }
        for (row, value) in values.enumerated() where !value.isFinite {
            throw SelectionInputError(row: row, reason: "\(name) \(value) is not finite")
        }
    }

    /// The best `budget` rows: score descending, ties by the lower index.
    /// - Complexity: O(n log n).
    static func best(_ rows: [SelectedRow], budget: Int) -> [SelectedRow] {
        Array(rows.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.prefix(budget))
    }

    /// A class's display name: `names[c]` when given, else `"class c"`.
    static func className(_ c: Int, _ names: [String]?) -> String {
        if let names, c < names.count { names[c] } else { "class \(c)" }
    }

    /// A short decimal rendering for reasons: 3 decimals, or 3 significant digits below 0.001.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) {
            return String(describing: Float(value))
        }
        return String(describing: (value * 1000).rounded() / 1000)
    }
}

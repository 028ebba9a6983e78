#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Selection {
    /// Uncertainty sampling for classification: the pool rows the model is least sure about under
    /// `measure` (see `UncertaintyMeasure` for the three definitions and their ranges).
    ///
    /// Score: the measure. Components: the measure's name with its score, then `"top_probability"`
    /// and `"second_probability"`. Reason, e.g. "margin 0.03 between cat and dog",
    /// "top cat at 0.41", "entropy 1.52 nats (maximum 2.303), top cat 0.41". The top two
    /// classes are the two largest probabilities, ties to the lower class index.
    ///
    /// Ties (equal scores) go to the lower row index.
    /// - Parameter classNames: names for the reasons (`"class c"` when absent or too short).
    /// - Throws: `SelectionInputError` for a bad pool or a negative budget.
    /// - Complexity: O(p · K + p log p) for a pool of `p` rows and `K` classes.
    /// - Reference: Settles (2009), §3.1.
    public static func uncertainty(_ measure: UncertaintyMeasure, probabilities: ProbabilityMatrix, pool: [Int], budget: Int,
                                   classNames: [String]? = nil) throws(SelectionInputError) -> [SelectedRow] {
        try check(pool: pool, rowCount: probabilities.rows, budget: budget)
        let scores = measure.scores(probabilities.selecting(rows: pool))
        let maximumEntropy = log(Double(probabilities.classes))
        let rows = pool.enumerated().map { position, row in
            let (first, second) = topTwo(probabilities.row(row))
            let score = scores[position]
            let p1 = probabilities[row, first], p2 = probabilities[row, second]
            let top = className(first, classNames), runnerUp = className(second, classNames)
            let reason = switch measure {
            case .leastConfidence: "top \(top) at \(format(p1))"
            case .margin: "margin \(format(p1 - p2)) between \(top) and \(runnerUp)"
            case .entropy: "entropy \(format(score)) nats (maximum \(format(maximumEntropy))), top \(top) at \(format(p1))"
            }
            return SelectedRow(index: row, score: score,
                               components: [.init(name: measure.rawValue, value: score), .init(name: "top_probability", value: p1),
                                            .init(name: "second_probability", value: p2)],
                               reason: reason)
        }
        return best(rows, budget: budget)
    }

    /// `uncertainty(_:probabilities:pool:budget:classNames:)` for probabilities given as one array
    /// per row.
    /// - Throws: `SelectionInputError` when the rows have different lengths, fewer than 2 classes,
    ///   or a value outside `[0, 1]` (the checks of `ProbabilityMatrix`), and for a bad pool.
    /// - Complexity: O(n · K + p log p).
    public static func uncertainty(_ measure: UncertaintyMeasure, probabilities: [[Double]], pool: [Int], budget: Int,
                                   classNames: [String]? = nil) throws(SelectionInputError) -> [SelectedRow] {
        try uncertainty(measure, probabilities: matrix(probabilities), pool: pool, budget: budget, classNames: classNames)
    }

    /// Per-row probability arrays as a `ProbabilityMatrix`.
    static func matrix(_ probabilities: [[Double]]) throws(SelectionInputError) -> ProbabilityMatrix {
        let classes = probabilities.first?.count ?? 2
        for (row, values) in probabilities.enumerated() where values.count != classes {
            throw SelectionInputError(row: row, reason: "\(values.count) probabilities where row 0 has \(classes)")
        }
        do {
            return try ProbabilityMatrix(rows: probabilities.count, classes: classes, values: probabilities.flatMap { $0 })
        } catch {
            throw SelectionInputError(row: error.row, reason: error.reason)
        }
    }

    /// The classes of the largest and second-largest probability, ties to the lower class.
    static func topTwo(_ row: ArraySlice<Double>) -> (Int, Int) {
        var first = -1, second = -1
        let base = row.startIndex
        for c in 0..<row.count {
            let value = row[base + c]
            if first < 0 || value > row[base + first] {
                second = first
                first = c
            } else if second < 0 || value > row[base + second] {
                second = c
            }
        }
        return (first, second)
    }
}

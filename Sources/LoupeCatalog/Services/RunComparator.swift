import Foundation
import LoupeCore

/// Compares run B with run A on the rows both are evaluated on (the labeled rows of the dataset,
/// within each run's snapshot when it has one, and within a slice when given): every summary
/// metric and each class's AP (detection) or F1 (classification) with a paired bootstrap
/// interval of `B − A` over rows, McNemar's exact test for classification, and the rows whose
/// outcome changed.
///
/// Paired: each resample draws one set of rows and evaluates both runs on it, so the variation
/// the runs share (hard rows are hard for both) cancels, and the interval is that of the
/// difference, not of two separate estimates.
public struct RunComparator<S: Store> {
    /// The store read from.
    public let store: S

    /// A comparator over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The comparison of `b` with `a` on `dataset`.
    /// - Parameter rowIDs: only these rows (a slice), if given.
    /// - Throws: `StoreError` when the runs' tasks differ or they share no evaluated row.
    public func compare(a: (Model, ModelRun), b: (Model, ModelRun), dataset: String, options: RunEvaluationOptions,
                        restrictedTo rowIDs: Set<Int64>? = nil) async throws -> RunComparison {
        let isClassification = a.0.task == .classification
        guard isClassification == (b.0.task == .classification) else {
            throw StoreError.invalid("run '\(a.1.name)' is a \(a.0.task.rawValue) run and '\(b.1.name)' a \(b.0.task.rawValue) run")
        }
        let evaluator = RunEvaluator(store: store)
        let rowsA = try await evaluator.evaluatedRows(run: a.1, dataset: dataset, options: options, restrictedTo: rowIDs)
        let rowsB = try await evaluator.evaluatedRows(run: b.1, dataset: dataset, options: options, restrictedTo: rowIDs)
        let common = Set(rowsA.rows.compactMap(\.id)).intersection(rowsB.rows.compactMap(\.id))
        guard !common.isEmpty else { throw StoreError.invalid("runs '\(a.1.name)' and '\(b.1.name)' share no evaluated row") }
        let rows = rowsA.rows.filter { common.contains($0.id!) }
        if isClassification {
            return try ClassificationRunComparison(a: rowsA.contents, b: rowsB.contents, rows: rows, options: options).compare()
        }
        let outcomeA = try DetectionRunEvaluation(contents: rowsA.contents, rows: rows, options: options).evaluate()
        let outcomeB = try DetectionRunEvaluation(contents: rowsB.contents, rows: rows, options: options).evaluate()
        return DetectionRunComparison(a: outcomeA, b: outcomeB, rows: rows, options: options).compare()
    }
}

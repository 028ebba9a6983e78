import Foundation
import LoupeCore

/// Compares run B with run A on the rows both are evaluated on (the labeled rows of the dataset,
/// within each run's snapshot when it has one, and within a slice when given): every summary
/// metric and each class's AP (detection) or F1 (classification) with a paired bootstrap
/// interval of `B − A` over rows, McNemar's exact test for classification, the rows whose
/// outcome changed, and the custom metrics both runs carry.
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
    /// - Parameter lowerIsBetter: names of row custom metrics where lower is better (a loss).
    public func compare(a: (Model, ModelRun), b: (Model, ModelRun), dataset: String, options: RunEvaluationOptions,
                        restrictedTo rowIDs: Set<Int64>? = nil, lowerIsBetter: Set<String> = []) async throws -> RunComparison {
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
        var comparison: RunComparison
        if isClassification {
            comparison = try ClassificationRunComparison(a: rowsA.contents, b: rowsB.contents, rows: rows, options: options).compare()
        } else {
            let outcomeA = try DetectionRunEvaluation(contents: rowsA.contents, rows: rows, options: options).evaluate()
            let outcomeB = try DetectionRunEvaluation(contents: rowsB.contents, rows: rows, options: options).evaluate()
            comparison = DetectionRunComparison(a: outcomeA, b: outcomeB, rows: rows, options: options).compare()
        }
        comparison.customMetrics = try await customMetrics(a: a.1, b: b.1, rows: rows, options: options,
                                                           lowerIsBetter: lowerIsBetter)
        return comparison
    }

    /// The custom metrics of both runs, compared (see `RunComparison.customMetrics`); a row
    /// metric's direction is higher-is-better unless its name is in `lowerIsBetter`.
    func customMetrics(a: ModelRun, b: ModelRun, rows: [DataRow], options: RunEvaluationOptions,
                       lowerIsBetter: Set<String>) async throws -> [RunComparison.MetricComparison] {
        let valuesA = try await store.customMetrics(runID: a.id), valuesB = try await store.customMetrics(runID: b.id)
        func keyed(_ values: [CustomMetricValue]) -> [String: Double] {
            var keyed: [String: Double] = [:]
            for value in values {
                switch value.scope {
                case .run: keyed[value.name] = value.value
                case .classNamed(let name): keyed["\(value.name):\(name)"] = value.value
                case .row: continue
                }
            }
            return keyed
        }
        let scalarA = keyed(valuesA), scalarB = keyed(valuesB)
        var comparisons = scalarA.keys.filter { scalarB[$0] != nil }.sorted().map { name in
            RunComparison.MetricComparison(name: name, a: scalarA[name]!, b: scalarB[name]!)
        }
        let namesA = try await store.customRowMetricNames(runID: a.id), namesB = try await store.customRowMetricNames(runID: b.id)
        for name in namesA.keys.filter({ namesB[$0] != nil }).sorted() {
            let rowsA = try await store.customRowMetric(runID: a.id, name: name)
            let rowsB = try await store.customRowMetric(runID: b.id, name: name)
            let pairs = rows.compactMap { row -> (Double, Double)? in
                guard let id = row.id, let x = rowsA[id], let y = rowsB[id] else { return nil }
                return (x, y)
            }
            guard !pairs.isEmpty else { continue }
            let first = pairs.map(\.0), second = pairs.map(\.1)
            let paired = PairedComparison.compare(rowCount: pairs.count, resamples: options.resamples, seed: options.seed,
                                                  higherIsBetter: !lowerIsBetter.contains(name),
                                                  a: { Self.mean(first, $0) }, b: { Self.mean(second, $0) })
            comparisons.append(RunComparison.MetricComparison(name: name, paired))
        }
        return comparisons
    }

    private static func mean(_ values: [Double], _ indices: [Int]) -> Double? {
        guard !indices.isEmpty else { return nil }
        return indices.reduce(0) { $0 + values[$1] } / Double(indices.count)
    }
}

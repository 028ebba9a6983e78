import Foundation
import LoupeCore

/// Likely label errors of a classification dataset by confident learning over a run's predicted
/// probabilities (Northcutt et al. 2021, cleanlab's `find_label_issues` with `prune_by_noise_rate`):
/// the rows the run evaluates (labelled, with a prediction carrying probabilities), each with its
/// label-quality score (self-confidence) and, when flagged, the given and the likely class by name.
///
/// The probabilities should be out-of-sample (cross-validated, or a run trained on other rows);
/// a model's predictions on its own training rows agree with their labels and hide the errors.
public struct LabelErrorFinder<S: Store>: Sendable {
    /// The store.
    public let store: S

    /// A finder over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The report over the rows of `dataset` that `run` predicts.
    /// - Throws: `StoreError.invalid` when the run is not a classification run, or its predictions
    ///   carry no probabilities; as `RunEvaluator` otherwise (no labelled rows, no predictions).
    public func find(model: Model, run: ModelRun, dataset: String) async throws -> KeyedDataIssueReport {
        guard model.task == .classification else {
            throw StoreError.invalid("label errors are found for classification runs; '\(model.name)/\(run.name)' is a \(model.task.rawValue) run")
        }
        let options = RunEvaluationOptions(resamples: 0)
        let (contents, rows) = try await RunEvaluator(store: store).evaluatedRows(run: run, dataset: dataset, options: options, restrictedTo: nil)
        let outcome = try ClassificationRunEvaluation(contents: contents, rows: rows, options: options).evaluate()
        guard let probabilities = outcome.evaluation.probabilities else {
            throw StoreError.invalid("run '\(model.name)/\(run.name)' has no probability vectors: confident learning needs every class's probability")
        }
        let labels = outcome.evaluation.trueLabels
        let learning: ConfidentLearning
        do {
            learning = try ConfidentLearning(labels: labels, probabilities: probabilities)
        } catch {
            throw StoreError.invalid("run '\(model.name)/\(run.name)': \(error)")
        }
        var report = learning.report(probabilities: probabilities)
        let names = outcome.classes.map(\.name)
        let top = probabilities.topClasses()
        for i in labels.indices where report.flags[i] {
            report.reasons[i] = "labelled \(names[labels[i]]) (p = \(Self.format(probabilities[i, labels[i]]))), "
                + "the model prefers \(names[top[i]]) (p = \(Self.format(probabilities[i, top[i]])))"
        }
        let keyOfRow = Dictionary(uniqueKeysWithValues: contents.rows.compactMap { row in row.id.map { ($0, row.key) } })
        return KeyedDataIssueReport(keys: outcome.rowIDs.map { keyOfRow[$0] ?? "" }, report: report)
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

import Foundation
import LoupeCore

/// Likely label problems a run's predictions point at, with class names in the reasons:
///
/// - classification, `label_error`: confident learning over the predicted probabilities
///   (Northcutt et al. 2021, cleanlab's `find_label_issues` with `prune_by_noise_rate`); each row's
///   label-quality score (self-confidence). The probabilities should be out-of-sample
///   (cross-validated, or a run trained on other rows): predictions on a model's own training
///   rows agree with their labels and hide the errors.
/// - detection, `missing_label` and `spurious_label` (`DetectionLabelIssues`): confident
///   predictions over unannotated image, and ground truth no prediction comes near.
///
/// The rows are those the run's evaluation reads (labelled rows, the run's snapshot when it has one).
public struct RunLabelIssueFinder<S: Store>: Sendable {
    /// The store.
    public let store: S

    /// A finder over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The report of `kind` over the rows of `dataset` that `run` is evaluated on.
    /// - Throws: `StoreError.invalid` for a kind the run's task does not have, or classification
    ///   predictions without probabilities; as `RunEvaluator` otherwise.
    public func find(_ kind: DataIssueKind, model: Model, run: ModelRun, dataset: String,
                     parameters: DetectionLabelIssues.Parameters = .init()) async throws -> KeyedDataIssueReport {
        let reference = "\(model.name)/\(run.name)"
        switch (kind, model.task) {
        case (.labelError, .classification): return try await labelErrors(model: model, run: run, dataset: dataset)
        case (.missingLabel, .detection), (.spuriousLabel, .detection), (.missingLabel, .segmentation), (.spuriousLabel, .segmentation):
            return try await detectionIssues(kind, run: run, dataset: dataset, parameters: parameters)
        default:
            throw StoreError.invalid("\(kind.rawValue) is not found from a \(model.task.rawValue) run ('\(reference)'): "
                + "label_error needs a classification run, missing_label and spurious_label a detection run")
        }
    }

    private func labelErrors(model: Model, run: ModelRun, dataset: String) async throws -> KeyedDataIssueReport {
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
        return KeyedDataIssueReport(rowIDs: outcome.rowIDs, keys: outcome.rowIDs.map { keyOfRow[$0] ?? "" }, report: report)
    }

    private func detectionIssues(_ kind: DataIssueKind, run: ModelRun, dataset: String,
                                 parameters: DetectionLabelIssues.Parameters) async throws -> KeyedDataIssueReport {
        let options = RunEvaluationOptions(resamples: 0)
        let (contents, rows) = try await RunEvaluator(store: store).evaluatedRows(run: run, dataset: dataset, options: options, restrictedTo: nil)
        let evaluation = DetectionRunEvaluation(contents: contents, rows: rows, options: options)
        let outcome = try evaluation.evaluate()
        let issues = DetectionLabelIssues(rows: evaluation.detectionRows(of: outcome), parameters: parameters)
        var report = kind == .missingLabel ? issues.missingLabels : issues.spuriousLabels
        let names = outcome.classes.map(\.name)
        var byRow: [Int: [DetectionLabelFinding]] = [:]
        for finding in issues.findings where finding.kind == kind { byRow[finding.row, default: []].append(finding) }
        for (row, findings) in byRow {
            let described = findings.prefix(3).map { finding in
                kind == .missingLabel
                    ? "a \(names[finding.classIndex]) prediction at score \(Self.format(finding.strength))"
                    : "a \(names[finding.classIndex]) object"
            }.joined(separator: ", ") + (findings.count > 3 ? " and \(findings.count - 3) more" : "")
            report.reasons[row] = kind == .missingLabel ? "\(described) over no ground truth" : "no prediction near \(described)"
        }
        return KeyedDataIssueReport(rowIDs: rows.map { $0.id ?? 0 }, keys: rows.map(\.key), report: report)
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

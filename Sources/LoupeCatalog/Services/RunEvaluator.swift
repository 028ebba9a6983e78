import Foundation
import LoupeCore

/// Evaluates a model run against its dataset's current ground truth and stores the result under
/// a key: the summary with bootstrap intervals, per-class tables, per-row counts and per-object
/// outcomes, so that the evaluation can be listed, reloaded and compared later.
///
/// Which rows count: the labeled rows of the dataset (a label version, even an empty one), or
/// when the run has a snapshot, the labeled rows of its snapshot; `split` narrows either.
/// Predictions on other rows are left out and counted in the evaluation's details.
///
/// Detection runs get COCO metrics (equal to pycocotools on the same boxes or masks) and the
/// per-object diagnostics at `iouThreshold`; classification runs get scikit-learn's metrics
/// and per-row correctness, confidence, margin and entropy.
public struct RunEvaluator<S: Store> {
    /// The store read from and written to.
    public let store: S

    /// An evaluator over `store`.
    public init(store: S) {
        self.store = store
    }

    /// Evaluates `run` of `model` on `dataset` and stores the evaluation.
    /// - Parameter replace: replace an evaluation already stored under the key.
    /// - Throws: `StoreError` when the dataset is missing, the key is taken, or the run's
    ///   predictions cannot be evaluated (no score on a detection, no class, no labeled rows).
    public func evaluate(model: Model, run: ModelRun, dataset: String, options: RunEvaluationOptions, replace: Bool) async throws -> Evaluation {
        let draft = try await self.draft(model: model, run: run, dataset: dataset, options: options)
        return try await store.saveEvaluation(draft, replace: replace)
    }

    /// The evaluation without storing it, optionally on the rows `restrictedTo` only (a slice).
    /// - Throws: as `evaluate`.
    public func draft(model: Model, run: ModelRun, dataset: String, options: RunEvaluationOptions,
                      restrictedTo rowIDs: Set<Int64>? = nil) async throws -> EvaluationDraft {
        let (contents, rows) = try await evaluatedRows(run: run, dataset: dataset, options: options, restrictedTo: rowIDs)
        let parameters = try EvaluationJSON.encode(options)
        let task = model.task
        let runID = run.id
        // The computation (matching, bootstrap) runs for seconds to minutes: off the cooperative pool.
        return try await BlockingWork.run {
            switch task {
            case .classification:
                try ClassificationRunEvaluation(contents: contents, rows: rows, options: options)
                    .draft(runID: runID, parametersJSON: parameters)
            case .detection, .segmentation:
                try DetectionRunEvaluation(contents: contents, rows: rows, options: options)
                    .draft(runID: runID, parametersJSON: parameters)
            }
        }
    }

    /// The dataset's contents with the run's predictions, and the rows an evaluation of the run
    /// counts: labeled, in its snapshot when it has one, in `options.split` and `rowIDs` if given.
    /// - Throws: `StoreError.invalid` when no row is left.
    func evaluatedRows(run: ModelRun, dataset: String, options: RunEvaluationOptions,
                       restrictedTo rowIDs: Set<Int64>?) async throws -> (contents: DatasetContents, rows: [DataRow]) {
        let contents = try await DatasetReader(store: store).contents(ofDataset: dataset, runID: run.id)
        let entries = try await Page.all { try await store.snapshot(runID: run.id, page: $0) }
        let snapshotRows = entries.isEmpty ? nil : Dictionary(entries.map { ($0.rowID, $0.split) }, uniquingKeysWith: { _, last in last })
        let rows = contents.rows.filter { row in
            guard row.labelVersion > 0, let id = row.id, rowIDs?.contains(id) ?? true else { return false }
            if let snapshotRows {
                guard let split = snapshotRows[id] else { return false }
                return options.split.map { $0 == split } ?? true
            }
            return options.split.map { $0 == row.split } ?? true
        }
        guard !rows.isEmpty else {
            throw StoreError.invalid("dataset '\(dataset)' has no labeled rows\(options.split.map { " in split '\($0)'" } ?? "")"
                + "\(rowIDs == nil ? "" : " in the selection") to evaluate run '\(run.name)' on")
        }
        return (contents, rows)
    }
}

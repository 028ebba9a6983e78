import Foundation

/// Evaluates the runs an import brought predictions for, under the key `default`, replacing an
/// earlier evaluation there: what `loupe import` and the server's import jobs do once the
/// import is committed. A run that cannot be evaluated (no labeled rows yet, unscored boxes) is
/// reported, not thrown: the import stands.
public struct ImportedRunEvaluator<S: Store> {
    /// The store read from and written to.
    public let store: S

    /// An evaluator over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The runs of `options.modelName` that predictions of `batch` went to, by name.
    /// - Returns: an empty list when the batch has no predictions or names no model.
    public func runs(of batch: ImportBatch, options: ImportOptions) async throws -> [(Model, ModelRun)] {
        guard !batch.predictions.isEmpty, let modelName = options.modelName,
              let model = try await store.models().first(where: { $0.name == modelName }) else { return [] }
        let names = Set(batch.predictions.compactMap { $0.runName ?? options.runName }).sorted()
        let runs = try await store.runs(modelID: model.id)
        return names.compactMap { name in runs.first { $0.name == name }.map { (model, $0) } }
    }

    /// Evaluates each run of `runs(of:options:)` on `dataset` with `resamples` bootstrap
    /// resamples, in run-name order. Cancellation is checked before each run and between
    /// computing an evaluation and storing it, so a cancelled task stores nothing half-done.
    /// - Parameter phase: called before each run with its index, the number of runs and the run.
    /// - Throws: `CancellationError`, or a store failure other than a refusal to evaluate.
    public func evaluateRuns(of batch: ImportBatch, dataset: String, options: ImportOptions, resamples: Int,
                             phase: (@Sendable (_ index: Int, _ count: Int, _ model: Model, _ run: ModelRun) -> Void)? = nil)
        async throws -> [ImportedRunEvaluation] {
        let runs = try await runs(of: batch, options: options)
        var outcomes: [ImportedRunEvaluation] = []
        for (index, (model, run)) in runs.enumerated() {
            try Task.checkCancellation()
            phase?(index, runs.count, model, run)
            do {
                let evaluator = RunEvaluator(store: store)
                let draft = try await evaluator.draft(model: model, run: run, dataset: dataset,
                                                      options: RunEvaluationOptions(resamples: resamples))
                try Task.checkCancellation()
                let evaluation = try await store.saveEvaluation(draft, replace: true)
                outcomes.append(ImportedRunEvaluation(model: model.name, run: run.name, evaluation: evaluation, failure: nil))
            } catch let error as StoreError {
                outcomes.append(ImportedRunEvaluation(model: model.name, run: run.name, evaluation: nil, failure: error.message))
            }
        }
        return outcomes
    }
}

import Foundation
import LoupeCatalog

/// The work of an evaluation job: compute the evaluation of a run (`RunEvaluator.draft`), then
/// store it. Cancellation is checked between the two, so a cancelled job stores nothing.
struct EvaluationJob<S: Store>: Sendable {
    /// The store read and written.
    let store: S
    /// The run's model.
    let model: Model
    /// The run evaluated.
    let run: ModelRun
    /// The dataset it is evaluated on.
    let dataset: String
    /// What is evaluated and how (the key included).
    let options: RunEvaluationOptions
    /// Replace an evaluation stored under the key.
    let replace: Bool

    /// The job's work.
    var work: JobWork {
        JobWork(run: { reporter in try await run(reporter) })
    }

    /// Evaluates and stores; returns the result JSON (the key and headline metrics).
    func run(_ reporter: JobReporter) async throws -> String {
        try await reporter.phase("evaluating \(model.name)/\(run.name)", completed: 0, total: 2)
        let draft = try await RunEvaluator(store: store).draft(model: model, run: run, dataset: dataset, options: options)
        try await reporter.phase("storing the evaluation", completed: 1, total: 2)
        let evaluation = try await store.saveEvaluation(draft, replace: replace)
        reporter.update(completed: 2, total: 2)
        let result = EvaluationResultView(model: model.name, run: run.name, dataset: dataset, key: evaluation.key,
                                          kind: evaluation.kind.rawValue, summary: evaluation.summary)
        return String(decoding: try APIJSON.encoder().encode(result), as: UTF8.self)
    }
}

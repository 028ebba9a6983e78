import Foundation
import LoupeCatalog

/// The work of an import job: parse the uploaded file, write it in one transaction, then
/// evaluate the runs that got predictions (`ImportedRunEvaluator`, as `loupe import` does).
///
/// Cancellation is checked between the phases: before the write nothing is written; the write
/// is one transaction (a cancellation that reaches it rolls it back); after it the import stands,
/// the evaluations are skipped, and the job ends `cancelled` with the import's counts.
struct ImportJob<S: Store>: Sendable {
    /// The store written to.
    let store: S
    /// The dataset imported into (created if missing).
    let dataset: String
    /// The format and its settings.
    let format: SingleFileImport
    /// How the batch is written; `modelTask` is replaced by the format's default unless `taskGiven`.
    let options: ImportOptions
    /// Whether `options.modelTask` was given by the caller.
    let taskGiven: Bool
    /// Evaluate the runs that got predictions.
    let evaluate: Bool
    /// Bootstrap resamples for those evaluations.
    let resamples: Int
    /// The uploaded file.
    let file: URL
    /// The name errors give the file (`upload` unless the caller named it).
    let name: String

    /// The job's work: the file is removed when the job ends, however it ends.
    var work: JobWork {
        JobWork(run: { reporter in try await run(reporter) },
                cleanup: { [file] in try? FileManager.default.removeItem(at: file) })
    }

    /// Parses, writes and evaluates; returns the result JSON.
    func run(_ reporter: JobReporter) async throws -> String {
        try await reporter.phase("parsing \(name)")
        let format = self.format
        let file = self.file
        let name = self.name
        let batch = try await BlockingWork.run { () throws(ImportError) -> ImportBatch in
            try format.read(contentsOf: file, as: name)
        }
        var options = self.options
        if !taskGiven { options.modelTask = format.defaultTask(of: batch) }
        try await reporter.phase("writing")
        let report = try await store.apply(batch, toDataset: dataset, options: options) { done, total in
            reporter.update(completed: done, total: total)
        }
        var result = ImportResultView(report: report, warnings: batch.warnings.map(\.description), evaluations: [])
        guard evaluate else { return try result.json() }
        do {
            let outcomes = try await ImportedRunEvaluator(store: store).evaluateRuns(
                of: batch, dataset: dataset, options: options, resamples: resamples) { index, count, model, run in
                    reporter.set(phase: "evaluating \(model.name)/\(run.name)", completed: index, total: count)
                }
            result.evaluations = outcomes.map(ImportResultView.Evaluated.init)
            reporter.update(completed: outcomes.count, total: outcomes.count)
        } catch where error is CancellationError || Task.isCancelled {
            throw JobEnding(status: .cancelled, message: "cancelled after the import was written: the runs were not evaluated",
                            resultJSON: try result.json())
        }
        return try result.json()
    }
}

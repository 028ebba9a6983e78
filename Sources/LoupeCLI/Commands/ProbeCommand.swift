import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe probe`: train a probe model on an embedding space and write it as a run.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Train a probe model (L2-regularized softmax regression) on an embedding space with the current labels and write it as a run.",
        discussion: """
            Features are the space's vectors of the dataset's rows; labels are the rows' current \
            whole-row class labels. Every row with a vector gets a prediction with a probability per \
            class: labeled rows out-of-fold (--folds stratified folds, shuffled by --seed), the others \
            from the model fitted on all labeled rows. The run is recorded as an import would record \
            it (a snapshot of the labeled rows, the predictions, a config with the space, --l2, \
            --folds, --seed and the label counts) and evaluated under the key `default` unless \
            --no-eval. An existing run name is refused.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The embedding space of the features.") var space: String
    @Option(help: "The new run's name.") var run: String
    @Option(help: "The model of the run (created as a classification model when missing).") var model = "probe"
    @Option(help: "The L2 penalty 1/C (> 0).") var l2 = 1.0
    @Option(help: "Cross-validation folds for the labeled rows (at least 2).") var folds = 5
    @Option(help: "The fold shuffle's seed.") var seed: UInt64 = 0
    @Flag(help: "Do not evaluate the new run.") var noEval = false
    @Option(help: "Bootstrap resamples for the evaluation's intervals (0 for none).") var bootstrap = 1000
    @OptionGroup var output: OutputOptions

    func validate() throws {
        do throws(RequestFieldError) {
            try request.validate()
        } catch {
            throw ValidationError("\(error.option): \(error.message)")
        }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
    }

    var request: ProbeRequest {
        ProbeRequest(dataset: dataset, space: space, run: run, model: model, l2: l2, folds: folds, seed: seed)
    }

    struct Report: Encodable {
        var probe: ProbeRunReport
        var evaluation: EvaluationView?
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let written = try await ProbeRunWriter(store: store).write(request)
            var evaluation: Evaluation?
            if !noEval {
                let (model, run) = try await RunsCompareCommand.findRun("\(written.model)/\(written.run)", in: store)
                do {
                    evaluation = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: dataset,
                                                                             options: RunEvaluationOptions(resamples: bootstrap), replace: true)
                } catch let error as StoreError {
                    Terminal.warning("\(written.model)/\(written.run) was written but not evaluated: \(error.message)")
                }
            }
            if output.json { try Terminal.printJSON(Report(probe: written, evaluation: evaluation.map(EvaluationView.init))); return }
            let counts = written.labelCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(written.model)/\(written.run): \(written.predictedRows) rows predicted, trained on \(written.labeledRows) labeled rows (\(counts))"
                + (written.converged ? "" : "; the fit did not converge in \(written.iterations) iterations"))
            if let evaluation {
                print("evaluated (key \(evaluation.key)):")
                for metric in evaluation.summary.prefix(6) { print(MetricText.line(metric)) }
            }
        }
    }
}

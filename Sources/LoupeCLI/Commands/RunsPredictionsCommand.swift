import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe runs predictions`: import a run's predictions from a file, then evaluate the run.
struct RunsPredictionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predictions",
        abstract: "Import a run's predictions (creating the run if needed) and evaluate it.",
        discussion: """
            Formats: `coco` (a results list with --instances, the ground-truth file whose ids it \
            uses, or a scored dataset-shaped file), `jsonl` (classification: {"key", "label", \
            "score", "probabilities": {CLASS: p}}), `labelbox` (NDJSON predictions), `labelstudio` \
            (the tasks' `predictions`). Only predictions are read: ground truth in the file is left \
            alone. The model is --model, or the one model that has a run named --run, or else a new \
            model named after the dataset. After the import the run is evaluated under the key \
            `default` (replacing an earlier evaluation under that key); --no-eval skips it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case coco, jsonl, labelbox, labelstudio
    }

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset the predictions are on.") var dataset: String
    @Option(help: "The run (created if missing).") var run: String
    @Option(help: "The model of the run.") var model: String?
    @Option(help: "The task of the model when it is created (classification, detection, segmentation).") var task: ModelTask?
    @Option(help: "The file's format: coco, jsonl, labelbox or labelstudio.") var format: Format
    @Option(help: ArgumentHelp("For a COCO results list: the ground-truth COCO file whose image and category ids it uses.", valueName: "file"))
    var instances: String?
    @Flag(help: "Replace the run's earlier predictions on the same rows.") var replace = false
    @Flag(help: "Do not evaluate after importing.") var noEval = false
    @Option(help: "Bootstrap resamples for the evaluation's intervals.") var bootstrap = 1000
    @Argument(help: ArgumentHelp("The predictions file.", valueName: "file")) var file: String
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var model: String
        var run: String
        var predictions: Int
        var evaluation: EvaluationView?
    }

    func run() async throws {
        try await reportingFailures {
            let url = URL(fileURLWithPath: file)
            var batch: ImportBatch
            switch format {
            case .coco:
                if let instances {
                    batch = try COCOResultsImporter(mapping: COCOIDMapping(contentsOf: URL(fileURLWithPath: instances))).read(contentsOf: url)
                } else {
                    batch = try COCOImporter().read(contentsOf: url)
                }
            case .jsonl: batch = try JSONLImporter(mode: .predictions).read(contentsOf: url)
            case .labelbox: batch = try LabelboxImporter(asPredictions: true).read(contentsOf: url)
            case .labelstudio: batch = try LabelStudioImporter().read(contentsOf: url)
            }
            // Only the predictions: labels in the same file are not this command's business.
            batch.annotations = []
            batch.statesCompleteGroundTruth = false
            batch.predictions = batch.predictions.map { var prediction = $0; prediction.runName = nil; return prediction }
            for warning in batch.warnings { Terminal.warning(warning.description) }
            guard !batch.predictions.isEmpty else { throw CLIError.badInput("\(file): no predictions in the file") }

            let store = try workspace.open()
            guard try await store.dataset(named: dataset) != nil else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let defaultTask: ModelTask = format == .jsonl ? .classification : .detection
            let modelName = try await resolveModel(store.models(), runsOf: { try await store.runs(modelID: $0) })
            let options = ImportOptions(replace: replace, modelName: modelName, modelTask: task ?? defaultTask, runName: run)
            let imported = try await store.apply(batch, toDataset: dataset, options: options)
            guard let found = try await store.models().first(where: { $0.name == modelName }),
                  let stored = try await store.runs(modelID: found.id).first(where: { $0.name == run }) else {
                throw CLIError.failed("the run was not created")
            }
            var view: EvaluationView?
            if !noEval {
                let evaluation = try await RunEvaluator(store: store).evaluate(
                    model: found, run: stored, dataset: dataset, options: RunEvaluationOptions(resamples: bootstrap), replace: true)
                view = EvaluationView(evaluation)
            }
            let report = Report(model: found.name, run: stored.name, predictions: imported.predictions, evaluation: view)
            if output.json { try Terminal.printJSON(report); return }
            print("\(found.name)/\(stored.name): \(imported.predictions) predictions on \(dataset)")
            if let view {
                for metric in view.summary.prefix(6) { print(MetricText.line(metric)) }
            }
        }
    }

    /// --model, else the one model with a run named --run, else a new model named after the dataset.
    private func resolveModel(_ models: [Model], runsOf: (Int64) async throws -> [ModelRun]) async throws -> String {
        if let model { return model }
        var owners: [String] = []
        for candidate in models where try await runsOf(candidate.id).contains(where: { $0.name == run }) { owners.append(candidate.name) }
        if owners.count > 1 { throw CLIError.failed("several models have a run '\(run)' (\(owners.joined(separator: ", "))): pass --model") }
        return owners.first ?? dataset
    }
}

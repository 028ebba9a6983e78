import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import FORMAT`: bring labels, predictions, metadata or vectors into a dataset.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a dataset's rows, labels, predictions, metadata or embeddings.",
        discussion: """
            An import is all or nothing: after an error, or if the process is killed, the \
            workspace is exactly as it was. Rows are upserted by key. A row that already has \
            ground truth refuses new labels unless --replace, which records them as the row's \
            next label version; a run's predictions on a row are likewise refused unless --replace.
            """,
        subcommands: ImportCommand.formats
    )
}

/// Options every import shares.
struct ImportTarget: ParsableArguments {
    @Option(help: "The dataset to import into (created if missing).") var dataset: String
    @Flag(help: "Replace existing ground truth (as a new label version) and predictions instead of failing.")
    var replace = false
    @Option(help: "The model that predictions in the file come from (created if missing).") var model: String?
    @Option(help: "The run of --model the predictions belong to (created if missing).") var run: String?
    @Option(help: ArgumentHelp("The run's config: a JSON object, or @FILE to read one.", valueName: "json"))
    var config: String?
    @Option(help: "Who the imported labels are attributed to when the file does not say.") var author: String?
    @Option(help: "The task of --model when it is created (classification, detection, segmentation).") var task: ModelTask?
    @Flag(help: "Do not evaluate the runs that received predictions (they are evaluated under the key `default` otherwise).")
    var noEval = false
    @Option(help: "Bootstrap resamples for the evaluation's intervals (0 for none; each costs one accumulation).")
    var bootstrap = 1000

    func validate() throws {
        guard !dataset.isEmpty else { throw ValidationError("--dataset must not be empty") }
        if run != nil, model == nil { throw ValidationError("--run needs --model") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
    }

    func options(task defaultTask: ModelTask, assetRoot: String? = nil) throws -> ImportOptions {
        var configJSON = "{}"
        if let config {
            if config.hasPrefix("@") {
                let path = String(config.dropFirst())
                guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.badInput("cannot read config file \(path)") }
                configJSON = String(decoding: data, as: UTF8.self)
            } else {
                configJSON = config
            }
            guard (try? JSONSerialization.jsonObject(with: Data(configJSON.utf8))) is [String: Any] else {
                throw CLIError.badInput("--config must be a JSON object")
            }
        }
        return ImportOptions(replace: replace, modelName: model, modelTask: task ?? defaultTask, runName: run, runConfigJSON: configJSON,
                             author: author, assetRoot: assetRoot)
    }
}

extension ImportCommand {
    /// Writes a parsed batch and prints what was written (JSON with `--json`).
    static func write(_ batch: ImportBatch, target: ImportTarget, options: ImportOptions, workspace: WorkspaceOptions,
                      json: Bool) async throws {
        for warning in batch.warnings { Terminal.warning(warning.description) }
        let store = try workspace.open()
        let bar = ProgressBar(label: "writing")
        let report = try await store.apply(batch, toDataset: target.dataset, options: options) { done, total in
            bar.update(done: done, total: total)
        }
        let evaluations = try await evaluateRuns(of: batch, target: target, options: options, store: store)
        if json {
            try Terminal.printJSON(Report(report: report, evaluations: evaluations))
            return
        }
        var parts = ["\(report.rowsCreated) rows created", "\(report.rowsUpdated) updated"]
        if report.annotations > 0 { parts.append("\(report.annotations) annotations") }
        if report.rowsRelabeled > 0 { parts.append("\(report.rowsRelabeled) rows relabeled") }
        if report.classesAdded > 0 { parts.append("\(report.classesAdded) classes added") }
        if report.predictions > 0 { parts.append("\(report.predictions) predictions in \(report.runsCreated) new runs") }
        if report.embeddings > 0 { parts.append("\(report.embeddings) vectors") }
        print("\(report.dataset): " + parts.joined(separator: ", "))
        for evaluated in evaluations {
            print("\(evaluated.model)/\(evaluated.run) evaluated (key \(evaluated.evaluation.key)):")
            for metric in evaluated.evaluation.summary.prefix(6) { print(MetricText.line(metric)) }
        }
    }

    /// What `loupe import --json` prints: the import report's fields and the evaluations made.
    struct Report: Encodable {
        var report: ImportReport
        var evaluations: [EvaluatedRun]

        private enum CodingKeys: String, CodingKey { case evaluations }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(evaluations, forKey: .evaluations)
        }
    }

    /// One run evaluated after an import.
    struct EvaluatedRun: Encodable {
        var model: String
        var run: String
        var evaluation: EvaluationView
    }

    /// Evaluates, under the key `default`, each run the batch brought predictions for (unless
    /// --no-eval), with `ImportedRunEvaluator` as the server's import jobs do. The import is
    /// committed by then: a run that cannot be evaluated (no labeled rows yet, unscored boxes) is
    /// a warning, not a failure.
    static func evaluateRuns(of batch: ImportBatch, target: ImportTarget, options: ImportOptions,
                             store: some Store) async throws -> [EvaluatedRun] {
        guard !target.noEval else { return [] }
        let outcomes = try await ImportedRunEvaluator(store: store).evaluateRuns(of: batch, dataset: target.dataset, options: options,
                                                                                 resamples: target.bootstrap)
        return outcomes.compactMap { outcome in
            if let failure = outcome.failure {
                Terminal.warning("\(outcome.model)/\(outcome.run) was imported but not evaluated: \(failure)")
            }
            return outcome.evaluation.map { EvaluatedRun(model: outcome.model, run: outcome.run, evaluation: EvaluationView($0)) }
        }
    }

    /// An absolute, standardized folder path, or a bad-input error when it is not a folder.
    static func folder(_ path: String, option: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.badInput("\(option) \(path) is not a folder")
        }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The bytes of a file, or a bad-input error naming it.
    static func contents(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.badInput("\(path): cannot read the file") }
        return data
    }
}

extension ModelTask: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe runs eval`: evaluate a run against its dataset's ground truth and store the result.
struct RunsEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model run against the dataset's ground truth and store the evaluation under a key.",
        discussion: """
            Detection runs get COCO metrics (pycocotools' numbers on the same boxes or masks) with \
            95% bootstrap intervals over rows, per-class AP and AR, and per-object diagnostics at \
            --iou: every prediction a true positive or a false positive with a reason (background, \
            localization, duplicate, wrong class), every object matched or missed, per-row TP/FP/FN \
            and mean IoU, the confusion matrix and each class's best-F1 threshold. Classification \
            runs get scikit-learn's metrics and per-row correctness, confidence, margin and entropy.

            Rows evaluated: the labeled rows of the dataset, or of the run's snapshot when it has \
            one; --split narrows them. The evaluation is stored with its parameters under --key \
            (default `default`); evaluating again under the same key needs --replace.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset the run predicted on.") var dataset: String
    @OptionGroup var selection: RunSelection
    @Option(help: "The key to store the evaluation under.") var key = "default"
    @Option(help: ArgumentHelp("Detection: compare boxes (bbox) or masks (segm).", valueName: "type")) var iouType = "bbox"
    @Option(help: "Detection diagnostics: the IoU a prediction needs to match an object.") var iou = 0.5
    @Option(help: "Detection diagnostics: leave out predictions scored below this.") var score = 0.0
    @Option(help: "Only rows of this split.") var split: String?
    @Option(help: "Bootstrap resamples for the 95% intervals (0 for none).") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @Flag(help: "Replace an evaluation already stored under --key.") var replace = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard ["bbox", "segm"].contains(iouType) else { throw ValidationError("--iou-type must be bbox or segm") }
        guard iou > 0.1, iou <= 1 else { throw ValidationError("--iou must be in (0.1, 1]") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
        guard !key.isEmpty else { throw ValidationError("--key must not be empty") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (model, run) = try await selection.resolve(in: store)
            let options = RunEvaluationOptions(key: key, iouType: COCOEvaluationParameters.IoUType(rawValue: iouType)!,
                                               iouThreshold: iou, scoreThreshold: score, split: split,
                                               resamples: bootstrap, seed: seed)
            let evaluation = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: dataset,
                                                                          options: options, replace: replace)
            if output.json {
                try Terminal.printJSON(EvaluationView(evaluation))
                return
            }
            print("evaluation '\(evaluation.key)' of \(model.name)/\(run.name) on \(dataset) (\(evaluation.kind.rawValue))")
            EvaluationView.printText(evaluation)
        }
    }
}

/// An evaluation as the CLI shows it: the record with its parameters and details as JSON objects.
struct EvaluationView: Encodable {
    var id: Int64
    var key: String
    var kind: String
    var createdAt: Date
    var parameters: JSONValue
    var summary: [MetricRecord]
    var perClass: [ClassMetricRecords]
    var details: JSONValue

    init(_ evaluation: Evaluation) {
        id = evaluation.id
        key = evaluation.key
        kind = evaluation.kind.rawValue
        createdAt = evaluation.createdAt
        parameters = JSONValue(parsing: evaluation.parametersJSON)
        summary = evaluation.summary
        perClass = evaluation.perClass
        details = JSONValue(parsing: evaluation.detailsJSON)
    }

    static func printText(_ evaluation: Evaluation) {
        for metric in evaluation.summary { print(MetricText.line(metric)) }
        guard let first = evaluation.perClass.first else { return }
        let names = first.metrics.map(\.name).prefix(6)
        let width = max(8, evaluation.perClass.map(\.className.count).max() ?? 0)
        print("")
        print("class".padding(toLength: width, withPad: " ", startingAt: 0)
              + names.map { String(repeating: " ", count: max(1, 9 - $0.count)) + $0 }.joined())
        for row in evaluation.perClass {
            let values = names.map { name in MetricText.number(row.metrics.first { $0.name == name }?.value, width: 9) }
            print(row.className.padding(toLength: width, withPad: " ", startingAt: 0) + values.joined())
        }
    }
}

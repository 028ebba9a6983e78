import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe importance`: which metadata predicts where a run fails.
struct ImportanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importance",
        abstract: "Rank metadata fields (and split, size, object count) by how strongly they predict a run's per-row metric.",
        discussion: """
            Numbers (and dates) are scored by Spearman's rank correlation with the metric, with a \
            95% bootstrap interval and a p-value; text and booleans by the metric's mean per value \
            with intervals, and a strength from the bias-adjusted eta-squared (values with fewer \
            than 5 rows are pooled as rare). The strength, in [0, 1], ranks the fields. The run \
            must be evaluated (`loupe runs eval`); --metric errors is FP + FN per row.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @OptionGroup var selection: RunSelection
    @Option(help: "The evaluation's key.") var key = "default"
    @Option(help: ArgumentHelp("The per-row metric: errors, tp, fp, fn, iou, correct, confidence, entropy or margin "
                               + "(default errors for detection, correct for classification).", valueName: "name"))
    var metric: String?
    @Option(help: "Bootstrap resamples for the intervals.") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let metric, RunMetricImportance.Metric(rawValue: metric) == nil {
            throw ValidationError("--metric must be one of \(RunMetricImportance.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (_, run) = try await selection.resolve(in: store)
            guard let evaluation = try await store.evaluation(runID: run.id, key: key) else {
                throw CLIError.notFound("run '\(run.name)' has no evaluation '\(key)' (loupe runs eval stores one)")
            }
            let chosen = metric.flatMap(RunMetricImportance.Metric.init(rawValue:)) ?? .default(for: evaluation.kind)
            let ranked = try await RunMetricImportance.rank(
                store: store, dataset: dataset, evaluation: evaluation, metric: chosen,
                parameters: MetricImportance.Parameters(resamples: bootstrap, seed: seed))
            if output.json { try Terminal.printJSON(ranked); return }
            print("what predicts \(chosen.rawValue) of \(selection.model)/\(run.name) on \(dataset):")
            for field in ranked {
                var line = field.name.padding(toLength: 18, withPad: " ", startingAt: 0) + MetricText.number(field.strength, width: 7)
                switch field.association {
                case .numeric(let numeric):
                    if let rho = numeric.rho { line += String(format: "  rho %+.3f", rho.value) }
                    if let p = numeric.pValue { line += String(format: "  p %.2g", p) }
                case .categorical(let categorical):
                    let means = categorical.groups.prefix(4).map { group -> String in
                        let name: String
                        switch group.category {
                        case .value(let value): name = value
                        case .rare(let count): name = "(\(count) rare)"
                        }
                        return "\(name) \(String(format: "%.3f", group.mean.value))"
                    }
                    line += "  " + means.joined(separator: ", ")
                }
                print(line + "  (n=\(field.support))")
            }
        }
    }
}

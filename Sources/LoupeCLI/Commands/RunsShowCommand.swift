import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe runs show`: one run's config, snapshot and evaluations.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run: its config, snapshot by split and evaluations.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: RunSelection
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var model: String
        var run: String
        var task: String
        var createdAt: Date
        var config: JSONValue
        var snapshotRowsBySplit: [String: Int]
        var evaluations: [EvaluationView]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (model, run) = try await selection.resolve(in: store)
            var bySplit: [String: Int] = [:]
            for entry in try await Page.all({ try await store.snapshot(runID: run.id, page: $0) }) { bySplit[entry.split, default: 0] += 1 }
            let report = Report(model: model.name, run: run.name, task: model.task.rawValue, createdAt: run.createdAt,
                                config: JSONValue(parsing: run.configJSON), snapshotRowsBySplit: bySplit,
                                evaluations: try await store.evaluations(runID: run.id).map(EvaluationView.init))
            if output.json { try Terminal.printJSON(report); return }
            print("\(model.name)/\(run.name) (\(model.task.rawValue)), created \(ISO8601DateFormatter().string(from: run.createdAt))")
            print("config    \(run.configJSON)")
            print("snapshot  " + (bySplit.isEmpty ? "none" : bySplit.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            for evaluation in report.evaluations {
                print("evaluation '\(evaluation.key)': " + evaluation.summary.prefix(3).map { "\($0.name) \(MetricText.number($0.value, width: 0))" }.joined(separator: ", "))
            }
        }
    }
}

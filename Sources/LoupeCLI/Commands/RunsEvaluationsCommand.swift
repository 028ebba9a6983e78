import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe runs evaluations`: the stored evaluations of a run, or one of them in full.
struct RunsEvaluationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluations",
        abstract: "List a run's stored evaluations, or show one with --key.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: RunSelection
    @Option(help: "Show the evaluation stored under this key.") var key: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (_, run) = try await selection.resolve(in: store)
            if let key {
                guard let evaluation = try await store.evaluation(runID: run.id, key: key) else {
                    throw CLIError.notFound("run '\(run.name)' has no evaluation '\(key)'")
                }
                if output.json {
                    try Terminal.printJSON(EvaluationView(evaluation))
                } else {
                    print("evaluation '\(evaluation.key)' (\(evaluation.kind.rawValue)), \(ISO8601DateFormatter().string(from: evaluation.createdAt))")
                    print("parameters \(evaluation.parametersJSON)")
                    EvaluationView.printText(evaluation)
                }
                return
            }
            let evaluations = try await store.evaluations(runID: run.id)
            if output.json {
                try Terminal.printJSON(evaluations.map(EvaluationView.init))
                return
            }
            if evaluations.isEmpty { print("run '\(run.name)' has no evaluations (loupe runs eval stores one)") }
            for evaluation in evaluations {
                let headline = evaluation.summary.first.map { "\($0.name) \(MetricText.number($0.value, width: 0))" } ?? ""
                print("\(evaluation.key)  \(evaluation.kind.rawValue)  \(headline)  \(ISO8601DateFormatter().string(from: evaluation.createdAt))")
            }
        }
    }
}

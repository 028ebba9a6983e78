import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `loupe runs …`: a model run's evaluations in the workspace.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Evaluate model runs and read their stored evaluations.",
        subcommands: [RunsCreateCommand.self, RunsListCommand.self, RunsShowCommand.self, RunsRenameCommand.self,
                      RunsDeleteCommand.self, RunsPredictionsCommand.self, RunsEvalCommand.self, RunsEvaluationsCommand.self,
                      RunsCompareCommand.self, RunsMetricsCommand.self])
}

/// `--model M --run R`: one run of one model.
struct RunSelection: ParsableArguments {
    @Option(help: "The model.") var model: String
    @Option(help: "The run of --model.") var run: String

    /// The model and run, or a not-found error naming what exists.
    func resolve(in store: SQLiteStore) async throws -> (Model, ModelRun) {
        let models = try await store.models()
        guard let found = models.first(where: { $0.name == model }) else {
            throw CLIError.notFound("no model '\(model)' (models: \(models.map(\.name).joined(separator: ", ")))")
        }
        let runs = try await store.runs(modelID: found.id)
        guard let selected = runs.first(where: { $0.name == run }) else {
            throw CLIError.notFound("model '\(model)' has no run '\(run)' (runs: \(runs.map(\.name).joined(separator: ", ")))")
        }
        return (found, selected)
    }
}

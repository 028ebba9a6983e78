import ArgumentParser
import LoupeCatalog

/// `loupe labeling create`.
struct LabelingCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a labeling project on a dataset, optionally with pre-labels from a run.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The project's name (unique in the dataset).") var name: String
    @Option(help: "NAME or MODEL/NAME of the run whose predictions are offered as pre-labels.") var run: String?
    @Option(help: "Offer only predictions scoring at least this.") var threshold: Double = 0

    func validate() throws {
        guard !name.isEmpty else { throw ValidationError("--name must not be empty") }
        guard threshold.isFinite else { throw ValidationError("--threshold must be a finite number") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            var runID: Int64?
            if let run {
                let matches = try await store.runs(matching: run)
                guard matches.count == 1 else {
                    throw CLIError.notFound(matches.isEmpty ? "no run '\(run)'" : "several models have a run '\(run)': write MODEL/\(run)")
                }
                runID = matches[0].1.id
            }
            do {
                let project = try await store.createLabelingProject(datasetID: found.id, name: name, prelabelRunID: runID, scoreThreshold: threshold)
                print("created labeling project '\(project.name)' on \(dataset)" + (run.map { " with pre-labels from \($0) at score >= \(threshold)" } ?? ""))
            } catch let error as StoreError {
                throw CLIError.failed(error.message)
            }
        }
    }
}
